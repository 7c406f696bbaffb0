using System.Threading.Channels;
using PlayDay.Web.Data;
using PlayDay.Web.Health;

namespace PlayDay.Web.Board;

/// <summary>
/// Reactions and question votes are saved as they arrive but announced in batches: a room reacting
/// together to one card becomes a few absolute count updates a second (one event per team per
/// window), not one broadcast per click. Each announcement is a numbered board event like any other.
/// </summary>
public sealed class BoardBroadcasts(IServiceScopeFactory scopes, JobHeartbeats heartbeats, ILogger<BoardBroadcasts> logger) : BackgroundService
{
    public const string JobName = "board-broadcasts";

    /// <summary>How long changes gather before they go out: at most four updates a second per team.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan IdleBeat = TimeSpan.FromSeconds(30);

    private enum What
    {
        Reactions,
        Questions,
    }

    private readonly Channel<(int PlayDayId, int TeamId, What What)> _changed = Channel.CreateUnbounded<(int, int, What)>(new UnboundedChannelOptions { SingleReader = true });

    public void ReactionsChanged(int playDayId, int teamId) => _changed.Writer.TryWrite((playDayId, teamId, What.Reactions));

    public void QuestionsChanged(int playDayId, int teamId) => _changed.Writer.TryWrite((playDayId, teamId, What.Questions));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            string? error = null;
            try
            {
                using var idle = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                idle.CancelAfter(IdleBeat);
                if (await WaitAsync(idle.Token))
                {
                    await Task.Delay(Window, stoppingToken);
                    var batch = new HashSet<(int, int, What)>();
                    while (_changed.Reader.TryRead(out var item))
                    {
                        batch.Add(item);
                    }
                    foreach (var (playDayId, teamId, what) in batch)
                    {
                        error = await AnnounceAsync(playDayId, teamId, what) ?? error;
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            heartbeats.Report(JobName, IdleBeat, error);
        }
    }

    /// <summary>True when something changed; false after a quiet interval (the loop then reports that it is alive).</summary>
    private async Task<bool> WaitAsync(CancellationToken idle)
    {
        try
        {
            return await _changed.Reader.WaitToReadAsync(idle);
        }
        catch (OperationCanceledException) when (idle.IsCancellationRequested)
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
                await write.CommitAsync(sequence => new ReactionsChanged(sequence, playDayId, teamId, counts));
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
