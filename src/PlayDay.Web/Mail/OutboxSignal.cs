namespace PlayDay.Web.Mail;

/// <summary>Lets a page wake the outbox worker right after it queued mail, instead of waiting for the next poll.</summary>
public sealed class OutboxSignal : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0);

    public void Wake()
    {
        if (_signal.CurrentCount == 0)
        {
            _signal.Release();
        }
    }

    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        await _signal.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _signal.Dispose();
}
