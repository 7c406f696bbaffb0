using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using PlayDay.Web.Data;
using PlayDay.Web.Health;

namespace PlayDay.Web.Board;

/// <summary>
/// Reactions and question votes are saved as they arrive and announced with a leading-edge and
/// trailing throttle per team: the first change after a quiet spell goes out at once, and changes
/// that follow within the window are merged into one update at its end. A room reacting together
/// to one card becomes a few absolute count updates a second (at most one per team per window),
/// not one broadcast per click, and a lone reaction is not held back. Each announcement is a
/// numbered board event like any other.
/// </summary>
public sealed class BoardBroadcasts(IServiceScopeFactory scopes, JobHeartbeats heartbeats, IOptions<BoardOptions> options, ILogger<BoardBroadcasts> logger)
    : BackgroundService
{
    public const string JobName = "board-broadcasts";

    private static readonly TimeSpan IdleBeat = TimeSpan.FromSeconds(30);

    private enum What
    {
        Reactions,
        Questions,
    }

    private readonly Channel<(int PlayDayId, int TeamId, What What)> _changed = Channel.CreateUnbounded<(int, int, What)>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>How long after an announcement further changes of the same team gather before the next (real time, as the sockets run on it).</summary>
    private TimeSpan Window => TimeSpan.FromMilliseconds(Math.Clamp(options.Value.AnnounceWindowMilliseconds, 0, 60_000));

    /// <summary>
    /// The counts last announced per team, with the event's number. A write's notice can arrive after an
    /// announcement that already read its count; when nothing else happened on the board since (the next
    /// number follows ours, whichever instance wrote it), the same counts again would tell screens
    /// nothing, so they are not announced.
    /// </summary>
    private readonly Dictionary<(int PlayDayId, int TeamId), (long Sequence, string Counts)> _announcedCounts = [];

    public void ReactionsChanged(int playDayId, int teamId) => _changed.Writer.TryWrite((playDayId, teamId, What.Reactions));

    public void QuestionsChanged(int playDayId, int teamId) => _changed.Writer.TryWrite((playDayId, teamId, What.Questions));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Per team and kind: when its window (opened by its last announcement) closes, and whether changes wait for that.
        var windows = new Dictionary<(int, int, What), (long ClosesAt, bool Waiting)>();
        var due = new List<(int, int, What)>();
        while (!stoppingToken.IsCancellationRequested)
        {
            string? error = null;
            try
            {
                var now = Stopwatch.GetTimestamp();
                var wait = IdleBeat;
                foreach (var (_, window) in windows)
                {
                    var left = Stopwatch.GetElapsedTime(now, window.ClosesAt);
                    wait = left < wait ? left : wait;
                }
                using var until = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                until.CancelAfter(wait > TimeSpan.Zero ? wait : TimeSpan.Zero);
                var changed = wait > TimeSpan.Zero && await WaitAsync(until.Token);
                stoppingToken.ThrowIfCancellationRequested();

                // Windows that closed: their gathered changes go out now (and open a new window); quiet ones end.
                now = Stopwatch.GetTimestamp();
                due.Clear();
                foreach (var (key, window) in windows)
                {
                    if (window.ClosesAt <= now)
                    {
                        due.Add(key);
                    }
                }
                var announce = new List<(int, int, What)>();
                foreach (var key in due)
                {
                    if (windows[key].Waiting)
                    {
                        announce.Add(key);
                    }
                    windows.Remove(key);
                }
                // New changes: the first for a team with no open window goes out at once; later ones wait for its end.
                if (changed)
                {
                    while (_changed.Reader.TryRead(out var item))
                    {
                        if (windows.TryGetValue(item, out var open))
                        {
                            windows[item] = open with { Waiting = true };
                        }
                        else if (!announce.Contains(item))
                        {
                            announce.Add(item);
                        }
                    }
                }
                foreach (var key in announce)
                {
                    // The window runs from the announcement's start, so gathered changes wait at most one window, however long the announcement took.
                    var started = Stopwatch.GetTimestamp();
                    error = await AnnounceAsync(key.Item1, key.Item2, key.Item3) ?? error;
                    windows[key] = (started + (long)(Window.TotalSeconds * Stopwatch.Frequency), false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            heartbeats.Report(JobName, IdleBeat, error);
        }
    }

    /// <summary>True when something changed; false when <paramref name="until"/> ended first (a window closed, or a quiet interval passed).</summary>
    private async Task<bool> WaitAsync(CancellationToken until)
    {
        try
        {
            return await _changed.Reader.WaitToReadAsync(until);
        }
        catch (OperationCanceledException) when (until.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>One numbered event with the team's counts or questions as they are now; a failure is logged and reported, never fatal.</summary>
    private async Task<string?> AnnounceAsync(int playDayId, int teamId, What what)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PlayDayDbContext>();
            var notifier = scope.ServiceProvider.GetRequiredService<BoardNotifier>();
            await using var write = await notifier.BeginAsync(db, playDayId);
            if (what == What.Reactions)
            {
                var counts = await notifier.States.CountsForAsync(db, playDayId, teamId);
                var said = string.Join(',', counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}={c.Value}"));
                if (_announcedCounts.TryGetValue((playDayId, teamId), out var last) && last.Sequence == write.Sequence - 1 && last.Counts == said)
                {
                    return null;
                }
                await write.CommitAsync(sequence => new ReactionsChanged(sequence, playDayId, teamId, counts));
                _announcedCounts[(playDayId, teamId)] = (write.Sequence, said);
            }
            else
            {
                var questions = await notifier.States.QuestionsForAsync(db, teamId);
                await write.CommitAsync(sequence => new QuestionsChanged(sequence, playDayId, teamId, questions));
            }
            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Announcing the {What} of team {TeamId} failed; the next change announces them again.", what, teamId);
            return e.Message;
        }
    }
}
