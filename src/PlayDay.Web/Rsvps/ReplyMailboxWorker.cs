using System.Security.Cryptography;
using System.Text;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using PlayDay.Web.Data;
using PlayDay.Web.Health;
using PlayDay.Web.Mail;

namespace PlayDay.Web.Rsvps;

/// <summary>
/// Reads the calendar replies that reach the organizer mailbox (IMAP) and takes each attendee's answer.
/// A reply counts only for the address it came from: its ATTENDEE must be the message's From, and an
/// invitee of the play day whose UID it names. Each message is handled once: its Message-ID is saved
/// with the answers in one transaction, and then it is flagged \Seen and <see cref="HandledKeyword"/>
/// in the mailbox; a message whose flag was never set is recognised by its Message-ID and only
/// flagged. Mail that is no calendar reply gets the keyword but stays unread, for the people who
/// share the mailbox. Nothing a message holds can stop the job; a failing server or database fails
/// the round, which the health check shows, and the next round tries again.
/// </summary>
public sealed class ReplyMailboxWorker(IServiceScopeFactory scopes, JobHeartbeats heartbeats, TimeProvider clock,
    IOptions<RsvpOptions> options, ILogger<ReplyMailboxWorker> logger) : BackgroundService
{
    public const string JobName = "rsvp-mailbox";

    /// <summary>The IMAP keyword on every message the job is done with.</summary>
    public const string HandledKeyword = "$PlayDayHandled";

    /// <summary>Larger messages are not downloaded: a calendar reply is a few kilobytes.</summary>
    public const int MaxMessageBytes = 1024 * 1024;

    private const int BatchSize = 100;

    private RsvpOptions Options => options.Value;

    private bool _warnedNoKeywords;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Options.IsOn)
        {
            logger.LogInformation("Calendar replies are not read: Rsvp:ImapHost is not set.");
            return;
        }
        var poll = TimeSpan.FromSeconds(Options.PollSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            string? problem = null;
            var more = false;
            try
            {
                more = await ReadMailboxAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                problem = e.Message;
                logger.LogError(e, "Reading calendar replies from {Host} failed; the next round starts in {Poll}.", Options.ImapHost, poll);
            }
            heartbeats.Report(JobName, poll + TimeSpan.FromSeconds(Options.TimeoutSeconds * 3), problem);
            try
            {
                // A full batch means more are waiting: go on at once.
                if (!more)
                {
                    await Task.Delay(poll, clock, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>One round: handles up to a batch of new messages. Returns whether more are waiting.</summary>
    private async Task<bool> ReadMailboxAsync(CancellationToken cancellationToken)
    {
        using var client = new ImapClient { Timeout = Options.TimeoutSeconds * 1000 };
        await client.ConnectAsync(Options.ImapHost!.Trim(), Options.ImapPort, SocketOptions(Options.Security), cancellationToken);
        if (!string.IsNullOrEmpty(Options.UserName))
        {
            await client.AuthenticateAsync(Options.UserName, Options.Password ?? "", cancellationToken);
        }
        var folder = await client.GetFolderAsync(Options.Folder.Trim(), cancellationToken);
        await folder.OpenAsync(FolderAccess.ReadWrite, cancellationToken);
        // Without keywords, \Seen alone marks what was handled (and a person reading a reply first hides it from the job).
        var keywords = folder.PermanentFlags.HasFlag(MessageFlags.UserDefined);
        if (!keywords && !_warnedNoKeywords)
        {
            _warnedNoKeywords = true;
            logger.LogWarning("The folder {Folder} takes no keywords; unread calendar replies are read and marked read.", folder.FullName);
        }
        var uids = await folder.SearchAsync(keywords ? SearchQuery.NotKeyword(HandledKeyword) : SearchQuery.NotSeen, cancellationToken);
        var batch = uids.Take(BatchSize).ToList();
        if (batch.Count > 0)
        {
            var summaries = await folder.FetchAsync(batch,
                new FetchRequest(MessageSummaryItems.UniqueId | MessageSummaryItems.Size | MessageSummaryItems.BodyStructure | MessageSummaryItems.Envelope),
                cancellationToken);
            foreach (var summary in summaries.OrderBy(s => s.UniqueId))
            {
                await HandleAsync(folder, summary, keywords, cancellationToken);
            }
        }
        await client.DisconnectAsync(true, cancellationToken);
        return uids.Count > batch.Count;
    }

    private async Task HandleAsync(IMailFolder folder, IMessageSummary summary, bool keywords, CancellationToken cancellationToken)
    {
        if (summary.BodyParts is { } parts && !parts.Any(p => ReplyReader.IsCalendarPart(p.ContentType)))
        {
            // Someone's email to the organizers: the job leaves it unread for them.
            await MarkHandledAsync(folder, summary.UniqueId, keywords, seen: false, cancellationToken);
            return;
        }
        if (summary.Size is > MaxMessageBytes)
        {
            logger.LogWarning("Message {Uid} ({MessageId}) is {Size} bytes, more than the {Max} a calendar reply may be; marked handled, left unread.",
                summary.UniqueId, summary.Envelope?.MessageId, summary.Size, MaxMessageBytes);
            await MarkHandledAsync(folder, summary.UniqueId, keywords, seen: false, cancellationToken);
            return;
        }

        if (await DownloadAsync(folder, summary.UniqueId, cancellationToken) is not { } raw)
        {
            logger.LogWarning("Message {Uid} ({MessageId}) is larger than the {Max} bytes a calendar reply may be; marked handled, left unread.",
                summary.UniqueId, summary.Envelope?.MessageId, MaxMessageBytes);
            await MarkHandledAsync(folder, summary.UniqueId, keywords, seen: false, cancellationToken);
            return;
        }
        var wasReply = await ApplyAsync(raw, cancellationToken);
        await MarkHandledAsync(folder, summary.UniqueId, keywords, seen: wasReply, cancellationToken);
    }

    /// <summary>The whole message, or null when it is larger than <see cref="MaxMessageBytes"/> (whatever size the server announced).</summary>
    private static async Task<byte[]?> DownloadAsync(IMailFolder folder, UniqueId uid, CancellationToken cancellationToken)
    {
        using var stream = await folder.GetStreamAsync(uid, cancellationToken);
        using var copy = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (copy.Length + read > MaxMessageBytes)
            {
                return null;
            }
            copy.Write(buffer, 0, read);
        }
        return copy.ToArray();
    }

    /// <summary>
    /// A calendar reply is consumed: read, so it does not pile up in the organizers' unread mail. Anything
    /// else (an invitation from a colleague, a broken calendar, a huge message) keeps its unread state for
    /// people to look at, and only gets the keyword so the job does not look again.
    /// </summary>
    private static async Task MarkHandledAsync(IMailFolder folder, UniqueId uid, bool keywords, bool seen, CancellationToken cancellationToken)
    {
        var request = (keywords, seen) switch
        {
            (true, true) => new StoreFlagsRequest(StoreAction.Add, MessageFlags.Seen, [HandledKeyword]),
            (true, false) => new StoreFlagsRequest(StoreAction.Add, [HandledKeyword]),
            // Without keywords only \Seen can say "handled".
            _ => new StoreFlagsRequest(StoreAction.Add, MessageFlags.Seen),
        };
        request.Silent = true;
        await folder.StoreAsync(uid, request, cancellationToken);
    }

    /// <summary>
    /// Reads one message and saves its answers and its record together; a message seen before changes
    /// nothing. Returns whether it was a calendar reply.
    /// </summary>
    private async Task<bool> ApplyAsync(byte[] raw, CancellationToken cancellationToken)
    {
        MimeMessage? message = null;
        ReadReplies? read = null;
        string? unreadable = null;
        try
        {
            using var input = new MemoryStream(raw, writable: false);
            message = await MimeMessage.LoadAsync(input, cancellationToken);
            read = ReplyReader.Read(message);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Reading is deterministic: a message that breaks it would break every round, so it is recorded and skipped.
            unreadable = "The message could not be read: " + e.Message;
        }
        var key = KeyOf(message, raw);
        var from = message?.From.Mailboxes.ToList() is [var only] ? EmailAddress.Parse(only.Address) : null;
        var shownFrom = from ?? Shorten(message?.From.ToString() ?? "", Invitee.EmailMaxLength);

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlayDayDbContext>();
        var record = await Responses.SaveAsync(db, async () =>
        {
            if (await db.RsvpMails.AsNoTracking().AnyAsync(m => m.MessageKey == key, cancellationToken))
            {
                return null;
            }
            var mail = new RsvpMail { MessageKey = key, From = shownFrom, ReadAtUtc = clock.GetUtcNow().UtcDateTime };
            var outcomes = new List<string>();
            if (message is null || read is null)
            {
                outcomes.Add(unreadable!);
            }
            else
            {
                await TakeAnswersAsync(db, message, read, from, mail, outcomes, cancellationToken);
            }
            mail.Outcome = Shorten(string.Join(" ", outcomes), RsvpMail.OutcomeMaxLength);
            db.RsvpMails.Add(mail);
            return mail;
        }, cancellationToken);

        if (record is null)
        {
            logger.LogInformation("Message {Key} was handled before; it is only marked handled now.", key);
        }
        else if (record.Applied)
        {
            logger.LogInformation("Calendar reply {Key} from {From}: {Outcome}", key, record.From, record.Outcome);
        }
        else
        {
            logger.LogWarning("Calendar reply {Key} from {From} changed nothing: {Outcome}", key, record.From, record.Outcome);
        }
        return read?.IsReply == true;
    }

    private async Task TakeAnswersAsync(PlayDayDbContext db, MimeMessage message, ReadReplies read, string? from, RsvpMail mail,
        List<string> outcomes, CancellationToken cancellationToken)
    {
        outcomes.AddRange(read.Problems);
        if (read.Replies.Count == 0 && read.Problems.Count == 0)
        {
            outcomes.Add("No calendar reply in it.");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        // Without DTSTAMP the message's Date says when the answer was given; neither may lie about the future.
        var sent = message.Date == DateTimeOffset.MinValue ? now : message.Date.UtcDateTime;
        foreach (var reply in read.Replies)
        {
            var playDay = await db.PlayDays.SingleOrDefaultAsync(p => p.CalendarUid == reply.Uid, cancellationToken);
            if (playDay is null)
            {
                outcomes.Add($"The UID {reply.Uid} is no play day's.");
                continue;
            }
            mail.PlayDayId ??= playDay.Id;
            var who = reply.Attendee;
            if (from is null || !string.Equals(who, from, StringComparison.OrdinalIgnoreCase))
            {
                outcomes.Add(from is null
                    ? $"{who}: ignored, the message has no single From address to check the attendee against."
                    : $"{who}: ignored, the reply came from {from}; an answer counts only from the attendee's own address.");
                continue;
            }
            if (reply.Response is not { } response)
            {
                outcomes.Add($"{who}: PARTSTAT {(reply.PartStat.Length == 0 ? "(none)" : reply.PartStat)} is no answer; ignored.");
                continue;
            }
            if (playDay.Refusal(PlayDayAction.Respond, now) is { } refusal)
            {
                outcomes.Add($"{who}: {Rsvp.Label(response)} not taken. {refusal}");
                continue;
            }
            var invitees = await db.Invitees.Where(i => i.PlayDayId == playDay.Id).Select(i => i.Email).ToListAsync(cancellationToken);
            if (!invitees.Contains(who, StringComparer.OrdinalIgnoreCase))
            {
                outcomes.Add($"{who}: ignored, not invited to {playDay.Title}.");
                continue;
            }
            var at = Min(reply.StampUtc ?? sent, now);
            if (await Responses.RecordAsync(db, playDay.Id, who, response, RsvpSource.CalendarReply, at, reply.Sequence, cancellationToken))
            {
                mail.Applied = true;
                outcomes.Add($"{who}: {Rsvp.Label(response)}.");
            }
            else
            {
                outcomes.Add($"{who}: {Rsvp.Label(response)} is older than the answer held (SEQUENCE {reply.Sequence}, {at:u}); the newer one stays.");
            }
        }
    }

    /// <summary>The Message-ID (a retry or a copy of a message repeats it), or a hash of the message when it has none.</summary>
    private static string KeyOf(MimeMessage? message, byte[] raw)
    {
        var id = message?.MessageId?.Trim();
        if (string.IsNullOrEmpty(id))
        {
            return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(raw));
        }
        return id.Length + 2 <= RsvpMail.KeyMaxLength && !id.Any(char.IsControl)
            ? "<" + id + ">"
            : "id-sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)));
    }

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    private static string Shorten(string text, int max)
    {
        var line = new string(text.Select(c => char.IsControl(c) ? ' ' : c).ToArray());
        return line.Length > max ? line[..(max - 1)] + "…" : line;
    }

    private static SecureSocketOptions SocketOptions(ImapSecurity security) => security switch
    {
        ImapSecurity.None => SecureSocketOptions.None,
        ImapSecurity.StartTls => SecureSocketOptions.StartTls,
        ImapSecurity.StartTlsWhenAvailable => SecureSocketOptions.StartTlsWhenAvailable,
        _ => SecureSocketOptions.SslOnConnect,
    };
}
