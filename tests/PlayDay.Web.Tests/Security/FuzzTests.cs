using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Logging;
using PlayDay.Web.Tests.Board;

namespace PlayDay.Web.Tests.Security;

/// <summary>
/// Throws random, malformed and adversarial input at every form the app shows, the search box, the
/// board's endpoints, the API, the hub and the archive import. Whatever comes in: no 500, no
/// unhandled exception in the log, and the host still answers. Seeded, so a failure repeats.
/// </summary>
public sealed class FuzzTests : IDisposable
{
    private const int Seed = 20261125;
    private const int RoundsPerTarget = 12;

    private readonly CapturingLoggerProvider _logs = new();
    private readonly PlayDayApp _app;
    private readonly Random _random = new(Seed);
    private readonly List<string> _failures = [];

    public FuzzTests()
    {
        _app = PlayDayApp.WithRealServer(settings: new Dictionary<string, string>
        {
            ["Board:PostsPerMinute"] = "100000",
            ["Board:ReactionsPerMinute"] = "100000",
            ["Board:HubCallsPer10Seconds"] = "100000",
            ["Board:MaxConnectionsPerUser"] = "1000",
        }, logs: _logs);
    }

    public void Dispose() => _app.Dispose();

    /// <summary>Text nobody should send: control characters, huge strings, deep nesting, broken Unicode, odd dates and zones.</summary>
    private string Nasty()
    {
        string[] fixedOnes =
        [
            "", " ", "\0", "\r\n\r\n", "a\nb", "line\rbreak", "\u2028\u2029", "\uFEFF", "\uD800", "\uDC00x", "😀\uD83D", new string('\u0007', 20),
            new string('x', 70_000), new string('>', 30_000), string.Concat(Enumerable.Repeat("- ", 20_000)), new string('[', 40_000),
            string.Concat(Enumerable.Repeat("*a ", 12_000)), "<script>alert(1)</script>", "javascript:alert(1)", "[x](javascript:alert(1))",
            "0000-00-00", "9999-12-31", "2026-02-30", "-1", "99999999999999999999", "1e309", "NaN", "00:00", "25:61", "24:00",
            " Europe/Berlin ", "Europe/Nowhere", "../../etc/passwd", "Etc/GMT+99", "UTC\0", "%00", "%FF%FE", "'; DROP TABLE PlayDays; --",
            "\"quoted", "tag:", "tag:\"", "-", "--", "\"\"", "\"a b", "NEAR(a b)", "a* OR b*", "{{title}}", "${jndi:x}", "🙂🙃", "\u202Eevil",
        ];
        return _random.Next(4) switch
        {
            0 => fixedOnes[_random.Next(fixedOnes.Length)],
            1 => RandomText(_random.Next(1, 300)),
            2 => fixedOnes[_random.Next(fixedOnes.Length)] + RandomText(_random.Next(0, 20)),
            _ => RandomText(_random.Next(1, 5)) + fixedOnes[_random.Next(fixedOnes.Length)],
        };
    }

    private string RandomText(int length)
    {
        var text = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            text.Append(_random.Next(6) switch
            {
                0 => (char)_random.Next(0, 32),
                1 => (char)_random.Next(0xD800, 0xE000),
                2 => (char)_random.Next(0x80, 0x3000),
                _ => (char)_random.Next(32, 127),
            });
        }
        return text.ToString();
    }

    private async Task SendAsync(string what, Func<Task<HttpResponseMessage>> send)
    {
        try
        {
            using var response = await send();
            if ((int)response.StatusCode >= 500)
            {
                _failures.Add($"{what}: {(int)response.StatusCode}");
            }
        }
        catch (HttpRequestException e)
        {
            _failures.Add($"{what}: the connection failed ({e.Message})");
        }
    }

    private static FormUrlEncodedContent Form(IEnumerable<KeyValuePair<string, string>> fields) => new(fields);

    /// <summary>Every form of every page this person can open, each field filled with nonsense, the rest as the page had it.</summary>
    private async Task FuzzFormsAsync(Browser browser, IEnumerable<string> pages)
    {
        foreach (var url in pages)
        {
            var (status, page) = await browser.GetAsync(url);
            if (status != HttpStatusCode.OK)
            {
                continue;
            }
            var token = page.QuerySelector("input[name='__RequestVerificationToken']")?.GetAttribute("value") ?? "";
            foreach (var form in page.QuerySelectorAll("main form[method=post]").OfType<IHtmlFormElement>())
            {
                var action = string.IsNullOrEmpty(form.GetAttribute("action")) ? url : form.GetAttribute("action")!;
                var names = form.Elements.Select(e => e.GetAttribute("name")).Where(n => !string.IsNullOrEmpty(n) && n != "__RequestVerificationToken").Distinct().ToList();
                for (var round = 0; round < RoundsPerTarget; round++)
                {
                    var fields = names.Select(n => KeyValuePair.Create(n!, _random.Next(3) == 0 ? "" : Nasty()))
                        .Append(KeyValuePair.Create("__RequestVerificationToken", token));
                    await SendAsync($"POST {action} (form on {url})", () => browser.Client.PostAsync(action, Form(fields)));
                }
                // Invalid UTF-8 and a broken form encoding, as raw bytes.
                var raw = new ByteArrayContent(Encoding.ASCII.GetBytes($"__RequestVerificationToken={Uri.EscapeDataString(token)}&{names.FirstOrDefault()}=%FF%FE%C0%AF&%%%=&=="));
                raw.Headers.ContentType = new("application/x-www-form-urlencoded");
                await SendAsync($"POST {action} (invalid UTF-8)", () => browser.Client.PostAsync(action, raw));
            }
        }
    }

    [Fact]
    public async Task No_input_anywhere_makes_the_app_answer_500_log_an_unhandled_exception_or_stop()
    {
        var scene = await BoardScene.CreateAsync(_app);
        var shareBack = await BoardScene.ShareBackIdOf(await scene.PostShareBackAsync(scene.TeamMember));
        // Like a browser with a large body: wait for the go-ahead, so a refusal before the body is read arrives intact.
        foreach (var client in new[] { scene.TeamMember, scene.Organizer, scene.Bystander })
        {
            client.Client.DefaultRequestHeaders.ExpectContinue = true;
        }
        var id = scene.PlayDayId;
        var pages = new[]
        {
            "/", "/playdays/new", $"/playdays/{id}", $"/playdays/{id}/edit", $"/playdays/{id}/invite", $"/playdays/{id}/cancel", $"/playdays/{id}/teams",
            $"/playdays/{id}/board", $"/sharebacks/{shareBack}", $"/sharebacks/{shareBack}/edit", "/me", "/me/following", "/people", "/mail", "/archive/import",
            "/account/login", "/account/register", "/account/forgot", "/account/resend", "/account/reset?userId=x&code=y",
        };

        await FuzzFormsAsync(scene.TeamMember, pages);
        await FuzzFormsAsync(scene.Organizer, pages.Where(p => !p.Contains("/cancel", StringComparison.Ordinal)));
        await FuzzFormsAsync(_app.NewBrowser(), pages.Where(p => p.StartsWith("/account", StringComparison.Ordinal)));

        // Query strings: search, archive filters, the API, paging, board parts, calendar tokens.
        var token = (await scene.Organizer.GetPageAsync(scene.BoardUrl)).One("input[name='__RequestVerificationToken']").GetAttribute("value")!;
        for (var round = 0; round < RoundsPerTarget * 4; round++)
        {
            var q = Uri.EscapeDataString(Nasty());
            foreach (var url in new[]
            {
                $"/search?q={q}", $"/search?q={q}&p={q}", $"/archive?quarter={q}&playday={q}&team={q}&tag={q}&p={q}", $"/api/sharebacks?q={q}&quarter={q}&tag={q}&page={q}",
                $"{scene.BoardUrl}?handler=Part&name={q}", $"/calendar/{q}.ics", $"/calendar.ics?token={q}", $"/sharebacks/{shareBack}?p={q}", $"/archive/deleted?p={q}",
                $"/mail?p={q}", $"/status/{q}", $"/feeds/{q}.atom", $"/feeds/{q}.atom?tag={q}", $"/me/following?Tag={q}", $"/account/confirm?userId={q}&code={q}",
                $"/trends?from={q}&to={q}", $"/trends.csv?from={q}", $"/trends.json?to={q}",
                $"/search/related?text={q}&exclude={q}", $"/search/related?text={q}",
            })
            {
                await SendAsync($"GET {url}", () => scene.Organizer.Client.GetAsync(url));
            }
        }

        // The board's endpoints, with its token and nonsense fields.
        var teamId = await _app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(db.Teams.Where(t => t.PlayDayId == id).Select(t => t.Id)));
        using (await scene.TeamMember.PostWithTokenFromAsync(scene.BoardUrl, $"{scene.BoardUrl}/teams/{teamId}/questions", new() { ["text"] = "Does it work offline?" }))
        {
        }
        var questionId = await _app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(db.Questions.Select(q => q.Id)));
        string[] boardUrls = [$"{scene.BoardUrl}/sharebacks", $"{scene.BoardUrl}/sharebacks/{shareBack}", $"{scene.BoardUrl}/teams/{teamId}/reactions", $"{scene.BoardUrl}/control",
            $"{scene.BoardUrl}/queue", $"{scene.BoardUrl}/teams/{teamId}/questions", $"{scene.BoardUrl}/questions/{questionId}/votes", $"{scene.BoardUrl}/questions/{questionId}/answer",
            $"{scene.BoardUrl}/questions/{questionId}/show"];
        string[] boardFields = ["IdempotencyKey", "TeamId", "Title", "Tags", "Body", "BaseVersion", "kind", "on", "action", "teamId", "text"];
        foreach (var url in boardUrls)
        {
            foreach (var browser in new[] { scene.TeamMember, scene.Organizer })
            {
                for (var round = 0; round < RoundsPerTarget; round++)
                {
                    var fields = boardFields.Where(_ => _random.Next(2) == 0).Select(n => KeyValuePair.Create(n, Nasty()))
                        .Append(KeyValuePair.Create("__RequestVerificationToken", token));
                    await SendAsync($"POST {url}", () => browser.Client.PostAsync(url, Form(fields)));
                }
            }
        }

        // The hub: odd arguments and unknown methods.
        await using (var hub = await BoardScreen.ConnectAsync(_app, scene.Bystander))
        {
            foreach (var (method, argument) in new (string, object)[] { ("JoinBoard", -1), ("JoinBoard", int.MaxValue), ("JoinBoard", "x"), ("LeaveBoard", "\0"), ("NoSuchMethod", 1), ("JoinBoard", new { a = 1 }) })
            {
                try
                {
                    await hub.Connection.InvokeAsync(method, argument);
                }
                catch (HubException)
                {
                    // A refusal is the right answer.
                }
            }
            Assert.True(await hub.JoinAsync(id) >= 0);
        }

        // The archive import: random bytes, a zip of nonsense files, a zip of nonsense front matter.
        var importToken = (await scene.Organizer.GetPageAsync("/archive/import")).One("input[name='__RequestVerificationToken']").GetAttribute("value")!;
        for (var round = 0; round < RoundsPerTarget; round++)
        {
            var bytes = round % 3 == 0 ? RandomBytes(_random.Next(1, 4000)) : Zip(round % 3 == 1 ? RandomBytes(_random.Next(0, 3000)) : Encoding.UTF8.GetBytes($"---\ntitle: {Nasty()}\nteam: {Nasty()}\n{Nasty()}: [\n---\n{Nasty()}"));
            using var content = new MultipartFormDataContent { { new StringContent(importToken), "__RequestVerificationToken" }, { new ByteArrayContent(bytes), "Upload", "archive.zip" } };
            await SendAsync("POST /archive/import", () => scene.Organizer.Client.PostAsync("/archive/import", content));
        }

        // A HubException is the hub refusing with a reason the client receives; SignalR logs each one, but nothing failed.
        var crashes = _logs.Messages.Where(m => m.Level >= LogLevel.Error && m.Exception is not Microsoft.AspNetCore.SignalR.HubException
            && (m.Category.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) || m.EventId.Name == "UnhandledException")).ToList();
        Assert.True(_failures.Count == 0 && crashes.Count == 0, "Answered 5xx or failed:\n" + string.Join("\n", _failures.Distinct().Take(50))
            + "\nUnhandled exceptions in the log:\n" + string.Join("\n", crashes.Take(10).Select(c => $"{c.Category}: {c.Text} {c.Exception}")));
        using var health = await scene.Organizer.Client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await scene.Bystander.GetAsync(scene.BoardUrl)).Status);
    }

    private byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        _random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] Zip(byte[] content)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = zip.CreateEntry(string.Create(CultureInfo.InvariantCulture, $"2026-12-10-day/team-{content.Length}.md")).Open();
            entry.Write(content);
        }
        return output.ToArray();
    }
}
