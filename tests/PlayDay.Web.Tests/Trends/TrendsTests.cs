using System.Net;
using System.Text;
using System.Text.Json;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using PlayDay.Web.Data;
using PlayDay.Web.Trends;

namespace PlayDay.Web.Tests.Trends;

/// <summary>
/// The trends page over the demo's four past quarters (11 share-backs with outcomes, figures and
/// reactions), its charts and tables, and its CSV and JSON downloads of the same numbers.
/// </summary>
public sealed class TrendsTests : IDisposable
{
    private readonly PlayDayApp _app = new(seedDemoData: true);

    public void Dispose() => _app.Dispose();

    private async Task<Browser> SignedInAsync(string email)
    {
        var browser = _app.NewBrowser();
        var response = await browser.SubmitAsync("/account/login", new() { ["Input.Email"] = email, ["Input.Password"] = DemoData.Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return browser;
    }

    /// <summary>The demo's play days, oldest first: four past quarters, then the next one.</summary>
    private Task<List<PlayDayEvent>> PlayDaysAsync() => _app.WithDbAsync(db => db.PlayDays.OrderBy(p => p.StartsAtUtc).ToListAsync());

    /// <summary>A table's body rows, each as its cells' text (the row header first).</summary>
    private static List<string[]> Rows(IHtmlDocument page, string table) =>
        page.One($"table[data-table='{table}']").QuerySelectorAll("tbody tr")
            .Select(tr => tr.Children.Select(cell => cell.TextContent.Trim()).ToArray()).ToList();

    [Fact]
    public async Task The_page_shows_the_demo_quarters_numbers_as_computed_by_hand()
    {
        var browser = await SignedInAsync("sam@playday.local");
        var q = (await PlayDaysAsync()).Take(4).Select(p => p.Quarter.ToString()).ToList();

        var page = await browser.GetPageAsync("/trends");

        Assert.NotNull(page.QuerySelector("nav[aria-label='Main'] a[href='/trends']"));
        Assert.NotNull((await browser.GetPageAsync("/archive")).QuerySelector("main a[href='/trends']"));
        Assert.Equal([[q[0], "2"], [q[1], "2"], [q[2], "2"], [q[3], "5"]], Rows(page, "share-backs"));
        // Shared, tried in real work, adopted, spreading: at any time, from each discovery's history.
        Assert.Equal([[q[0], "2", "2", "2", "1"], [q[1], "2", "2", "1", "0"], [q[2], "2", "1", "1", "1"], [q[3], "5", "2", "0", "0"]], Rows(page, "reached"));
        // Now: Spreading, Adopted, Trying, Re-test next quarter, Dropped, Shared.
        Assert.Equal([[q[0], "1", "1", "0", "0", "0", "0"], [q[1], "0", "1", "0", "0", "1", "0"], [q[2], "1", "0", "0", "1", "0", "0"], [q[3], "0", "0", "2", "1", "1", "1"]],
            Rows(page, "now"));
        // (before - after) × people using the new way: 105×5 + 180×4; none; 140×3; 75×5 + 60×1 + 45×1.
        Assert.Equal([[q[0], "1,245", "2"], [q[1], "0", "0"], [q[2], "420", "1"], [q[3], "480", "3"]], Rows(page, "time-saved"));
        Assert.Contains("as reported by the teams", page.One("[data-trend='time-saved']").TextContent);

        var tools = Rows(page, "tools");
        Assert.Equal([["chatgpt", "3"], ["copilot", "3"], ["claude", "2"]], tools.Take(3));
        Assert.Equal(17, tools.Count);
        Assert.All(tools.Skip(3), row => Assert.Equal("1", row[1]));
        Assert.Equal([[q[0], "chatgpt", "1"], [q[0], "claude", "1"], [q[0], "github", "1"], [q[0], "pdf", "1"]], Rows(page, "tools-quarters").Take(4));

        // Review Buddies dropped (chatgpt, github-actions); Query Crafters and Inbox Zero to re-test; Ticket Agents
        // dropped; Policy Readers adopted but called a great failure (claude, pdf). Slide Shapers, no reaction of that kind, is not there.
        var almost = Rows(page, "almost-worked").ToDictionary(r => r[0], r => r[1..]);
        Assert.Equal(10, almost.Count);
        Assert.Equal(["0", "1", "0", q[1]], almost["chatgpt"]);
        Assert.Equal(["1", "0", "0", q[2]], almost["copilot"]);
        Assert.Equal(["1", "0", "0", q[3]], almost["gemini"]);
        Assert.Equal(["0", "1", "0", q[3]], almost["jira"]);
        Assert.Equal(["0", "0", "1", q[0]], almost["claude"]);
        Assert.False(almost.ContainsKey("gamma"));

        var charts = page.QuerySelectorAll("svg.chart");
        Assert.Equal(7, charts.Length);
        Assert.All(charts, svg =>
        {
            Assert.Equal("img", svg.GetAttribute("role"));
            var title = svg.QuerySelector(":scope > title")!;
            Assert.False(string.IsNullOrWhiteSpace(title.TextContent));
            Assert.Contains(title.Id!, svg.GetAttribute("aria-labelledby")!.Split(' '));
            Assert.NotNull(svg.QuerySelector(":scope > desc"));
        });
        // Every chart has its numbers in a table, in a <details> beside it.
        Assert.All(page.QuerySelectorAll("[data-trend] details"), details => Assert.NotNull(details.QuerySelector("table caption")));
        Assert.Equal(7, page.QuerySelectorAll("[data-trend] details table th[scope='col']").Select(th => th.Closest("table")).Distinct().Count());
    }

    [Fact]
    public async Task The_csv_and_json_downloads_carry_the_numbers_the_page_shows()
    {
        var browser = await SignedInAsync("sam@playday.local");
        var page = await browser.GetPageAsync("/trends");

        using var csvResponse = await browser.Client.GetAsync(page.One("a[href^='/trends.csv']").GetAttribute("href"));
        Assert.Equal(HttpStatusCode.OK, csvResponse.StatusCode);
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType?.MediaType);
        var bytes = await csvResponse.Content.ReadAsByteArrayAsync();
        var csv = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        Assert.Equal("\"chart\",\"quarter\",\"tool\",\"stage\",\"value\"", csv.Split("\r\n")[0]);
        Assert.DoesNotContain("\n", csv.Replace("\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        var cells = ParseCsv(csv).Skip(1).ToDictionary(r => (r[0], r[1], r[2], r[3]), r => int.Parse(r[4], System.Globalization.CultureInfo.InvariantCulture));

        var outcomeHeaders = page.One("table[data-table='now']").QuerySelectorAll("thead th").Skip(1).Select(th => th.TextContent.Trim()).ToList();
        var stageHeaders = page.One("table[data-table='reached']").QuerySelectorAll("thead th").Skip(1).Select(th => th.TextContent.Trim()).ToList();
        foreach (var row in Rows(page, "share-backs"))
        {
            Assert.Equal(int.Parse(row[1], System.Globalization.CultureInfo.InvariantCulture), cells[(TrendsCsv.SharesChart, row[0], "", "")]);
        }
        foreach (var row in Rows(page, "now"))
        {
            Assert.Equal(row[1..], outcomeHeaders.Select(o => cells[(TrendsCsv.NowChart, row[0], "", o)].ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        foreach (var row in Rows(page, "reached"))
        {
            Assert.Equal(row[1..], stageHeaders.Select(s => cells[(TrendsCsv.ReachedChart, row[0], "", s)].ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        foreach (var row in Rows(page, "time-saved"))
        {
            Assert.Equal(row[1].Replace(",", "", StringComparison.Ordinal), cells[(TrendsCsv.MinutesChart, row[0], "", "")].ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(row[2], cells[(TrendsCsv.FiguresChart, row[0], "", "")].ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        foreach (var row in Rows(page, "tools-quarters"))
        {
            Assert.Equal(row[2], cells[(TrendsCsv.ToolsChart, row[0], row[1], "")].ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        using var json = JsonDocument.Parse(await browser.Client.GetStringAsync(page.One("a[href^='/trends.json']").GetAttribute("href")));
        var quarters = json.RootElement.GetProperty("quarters").EnumerateArray().ToList();
        Assert.Equal(Rows(page, "share-backs").Select(r => (r[0], r[1])),
            quarters.Select(q => (q.GetProperty("quarter").GetString()!, q.GetProperty("shareBacks").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture))));
        Assert.Equal(Rows(page, "time-saved").Select(r => r[1].Replace(",", "", StringComparison.Ordinal)),
            quarters.Select(q => q.GetProperty("minutesSavedPerWeek").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(Rows(page, "now").Select(r => r[3]),
            quarters.Select(q => q.GetProperty("outcomeNow").GetProperty("Trying").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(Rows(page, "reached").Select(r => r[2]),
            quarters.Select(q => q.GetProperty("reached").GetProperty("tried").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Contains("as reported by the teams", json.RootElement.GetProperty("minutesSaved").GetString());
        var chatgpt = quarters.SelectMany(q => q.GetProperty("tools").EnumerateArray()).Where(t => t.GetProperty("tool").GetString() == "chatgpt").Sum(t => t.GetProperty("shareBacks").GetInt32());
        Assert.Equal(3, chatgpt);
    }

    [Fact]
    public async Task A_deleted_share_back_and_a_cancelled_play_day_do_not_count()
    {
        var maya = await SignedInAsync("maya@playday.local");
        var sam = await SignedInAsync("sam@playday.local");
        var playDays = await PlayDaysAsync();
        var next = playDays[^1];
        var q3 = playDays[3].Quarter.ToString();

        var posted = await sam.SubmitAsync($"/playdays/{next.Id}/board", new() { ["Title"] = "Ticket summaries", ["Tags"] = "ChatGPT, Zendesk", ["Body"] = "What we tried." },
            "form[data-board-form]");
        Assert.True((int)posted.StatusCode is >= 200 and < 400, $"The post answered {(int)posted.StatusCode}");
        var withNext = await QuartersAsync(sam, "");
        Assert.Equal(1, withNext[next.Quarter.ToString()].GetProperty("shareBacks").GetInt32());

        var slides = await _app.WithDbAsync(db => db.ShareBacks.Where(s => s.Team!.Name == "Slide Shapers").Select(s => s.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await maya.SubmitAsync($"/sharebacks/{slides}/delete", [])).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await maya.SubmitAsync($"/playdays/{next.Id}/cancel", new() { ["Input.Reason"] = "Moved." })).StatusCode);

        var after = await QuartersAsync(sam, "");
        Assert.Equal(4, after.Count);
        Assert.False(after.ContainsKey(next.Quarter.ToString()));
        Assert.Equal(4, after[q3].GetProperty("shareBacks").GetInt32());
        Assert.Equal(0, after[q3].GetProperty("outcomeNow").GetProperty("Shared").GetInt32());
        Assert.DoesNotContain(after[q3].GetProperty("tools").EnumerateArray(), t => t.GetProperty("tool").GetString() is "gamma" or "zendesk");
        var page = await sam.GetPageAsync("/trends");
        Assert.Equal([q3, "4"], Rows(page, "share-backs")[^1]);
        Assert.DoesNotContain(Rows(page, "tools"), r => r[0] is "gamma" or "powerpoint" or "zendesk");
    }

    [Fact]
    public async Task The_page_and_its_downloads_are_computed_once_and_served_to_everyone_of_a_role()
    {
        var sam = await SignedInAsync("sam@playday.local");
        var priya = await SignedInAsync("priya@playday.local");
        // Past the one-time message of signing in (a page with one is that person's own).
        await sam.GetPageAsync("/");
        await priya.GetPageAsync("/");

        foreach (var url in new[] { "/trends", "/trends.json", "/trends.csv" })
        {
            // Any write empties the store (background work writes now and then): a pair with one between is asked again.
            for (var attempt = 1; ; attempt++)
            {
                using var sams = await sam.Client.GetAsync(url);
                using var priyas = await priya.Client.GetAsync(url);
                Assert.Equal(HttpStatusCode.OK, priyas.StatusCode);
                if (priyas.Headers.Age is null && attempt < 5)
                {
                    continue;
                }
                Assert.True(priyas.Headers.Age is not null, $"{url} is served from the store to the second person");
                Assert.Equal(await sams.Content.ReadAsStringAsync(), await priyas.Content.ReadAsStringAsync());
                break;
            }
        }
    }

    private static async Task<Dictionary<string, JsonElement>> QuartersAsync(Browser browser, string query)
    {
        var json = JsonDocument.Parse(await browser.Client.GetStringAsync("/trends.json" + query));
        return json.RootElement.GetProperty("quarters").EnumerateArray().ToDictionary(q => q.GetProperty("quarter").GetString()!, q => q.Clone());
    }

    [Fact]
    public async Task A_quarter_range_narrows_every_number_and_bad_input_gets_a_message_or_a_400()
    {
        var sam = await SignedInAsync("sam@playday.local");
        var q = (await PlayDaysAsync()).Take(4).Select(p => p.Quarter).ToList();
        var (from, to) = ($"{q[1].Year}-Q{q[1].Number}", $"{q[2].Year}-Q{q[2].Number}");

        var page = await sam.GetPageAsync($"/trends?from={from}&to={to}");
        Assert.Equal([[q[1].ToString(), "2"], [q[2].ToString(), "2"]], Rows(page, "share-backs"));
        Assert.Equal([["chatgpt", "2"], ["copilot", "2"]], Rows(page, "tools").Take(2));
        Assert.Equal($"/trends.csv?from={from}&to={to}", page.One("a[href^='/trends.csv']").GetAttribute("href"));
        Assert.Equal([q[1].ToString(), q[2].ToString()], (await QuartersAsync(sam, $"?from={from}&to={to}")).Keys);
        var empty = await sam.GetPageAsync("/trends?from=2031-Q1&to=2031-Q2");
        Assert.Contains("No share-backs in these quarters yet.", empty.One("[data-empty]").TextContent);
        Assert.Equal([0, 0], (await QuartersAsync(sam, "?from=2031-Q1&to=2031-Q2")).Values.Select(v => v.GetProperty("shareBacks").GetInt32()));
        // An open end follows the data.
        Assert.Equal([q[2].ToString(), q[3].ToString()], (await QuartersAsync(sam, $"?from={to}")).Keys);

        var (status, bad) = await sam.GetAsync("/trends?from=2026-Q5");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("“2026-Q5” is not a quarter", bad.One("[data-range-problem]").TextContent);
        Assert.Equal("2026-Q5", bad.One("input[name='from']").GetAttribute("value"));
        Assert.Empty(bad.QuerySelectorAll("svg.chart"));

        foreach (var url in new[] { "/trends.csv?from=banana", "/trends.json?to=2026-Q0", $"/trends.csv?from={to}&to={from}", "/trends.json?from=1950-Q1&to=2026-Q4",
            "/trends.json?from=" + new string('9', 5000) })
        {
            using var response = await sam.Client.GetAsync(url);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString();
            Assert.False(string.IsNullOrWhiteSpace(problem), url);
        }
        var swapped = await sam.Client.GetAsync($"/trends.json?from={to}&to={from}");
        Assert.Contains("swap the two quarters", await swapped.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_tool_tag_that_a_spreadsheet_would_read_as_a_formula_comes_out_quoted_and_prefixed()
    {
        var sam = await SignedInAsync("sam@playday.local");
        var next = (await PlayDaysAsync())[^1];
        var posted = await sam.SubmitAsync($"/playdays/{next.Id}/board", new() { ["Title"] = "Formulas", ["Tags"] = "+cmd, -2+3, chatgpt", ["Body"] = "What we tried." },
            "form[data-board-form]");
        Assert.True((int)posted.StatusCode is >= 200 and < 400, $"The post answered {(int)posted.StatusCode}");

        var csv = await sam.Client.GetStringAsync("/trends.csv");

        var quarter = next.Quarter.ToString();
        Assert.Contains($"\"tools\",\"{quarter}\",\"'+cmd\",\"\",1\r\n", csv, StringComparison.Ordinal);
        Assert.Contains($"\"tools\",\"{quarter}\",\"'-2+3\",\"\",1\r\n", csv, StringComparison.Ordinal);
        Assert.Contains($"\"tools\",\"{quarter}\",\"chatgpt\",\"\",1\r\n", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Time_saved_adds_up_past_what_an_int_holds()
    {
        var maya = await SignedInAsync("maya@playday.local");
        var q3 = (await PlayDaysAsync())[3].Quarter.ToString();
        foreach (var team in new[] { "Minute Takers", "Status Scribes", "Slide Shapers" })
        {
            var id = await _app.WithDbAsync(db => db.ShareBacks.Where(s => s.Team!.Name == team).Select(s => s.Id).SingleAsync());
            var reported = await maya.SubmitAsync($"/sharebacks/{id}", new()
            {
                ["Report.Outcome"] = "Trying", ["Report.MinutesPerWeekBefore"] = "10000", ["Report.MinutesPerWeekAfter"] = "0",
                ["Report.PeopleDoingTask"] = "100000", ["Report.PeopleUsingNewWay"] = "100000",
            }, "form[action*='handler=Report']");
            Assert.Equal(HttpStatusCode.Redirect, reported.StatusCode);
        }

        var page = await maya.GetPageAsync("/trends");

        // Three discoveries at the figures' limits (10,000 minutes × 100,000 people each) and Inbox Zero's 60.
        Assert.Equal([q3, "3,000,000,060", "4"], Rows(page, "time-saved")[^1]);
        Assert.Contains($"\"{TrendsCsv.MinutesChart}\",\"{q3}\",\"\",\"\",3000000060\r\n", await maya.Client.GetStringAsync("/trends.csv"), StringComparison.Ordinal);
        Assert.Equal(3_000_000_060, (await QuartersAsync(maya, ""))[q3].GetProperty("minutesSavedPerWeek").GetInt64());
    }

    [Theory]
    [InlineData("=cmd|' /C calc'!A0", "\"'=cmd|' /C calc'!A0\"")]
    [InlineData("@SUM(A1)", "\"'@SUM(A1)\"")]
    [InlineData("+1", "\"'+1\"")]
    [InlineData("-1", "\"'-1\"")]
    [InlineData("\t=1", "\"'\t=1\"")]
    [InlineData("\r=1", "\"'\r=1\"")]
    [InlineData("say \"hi\", then go", "\"say \"\"hi\"\", then go\"")]
    [InlineData("chatgpt", "\"chatgpt\"")]
    [InlineData("", "\"\"")]
    public void A_csv_text_field_is_quoted_and_never_starts_a_formula(string text, string expected) =>
        Assert.Equal(expected, TrendsCsv.Field(text));

    /// <summary>RFC 4180 fields: quoted ones may hold commas, doubled quotes and line breaks.</summary>
    private static List<string[]> ParseCsv(string csv)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < csv.Length; i++)
        {
            var ch = csv[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < csv.Length && csv[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (ch == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(ch);
                }
            }
            else if (ch == '"')
            {
                quoted = true;
            }
            else if (ch == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (ch == '\r' && i + 1 < csv.Length && csv[i + 1] == '\n')
            {
                row.Add(field.ToString());
                field.Clear();
                rows.Add([.. row]);
                row.Clear();
                i++;
            }
            else
            {
                field.Append(ch);
            }
        }
        return rows;
    }
}
