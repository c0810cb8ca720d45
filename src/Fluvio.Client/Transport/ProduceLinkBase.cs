namespace Fluvio.Client;

/// <summary>
/// What every produce link shares: it breaks once, for the first cause, and breaking wakes the
/// sender (<see cref="IProduceLink.BrokenToken"/>) and whatever the link itself must stop
/// (<see cref="OnBroken"/>), off the caller's thread, which may be one of the link's reads.
/// </summary>
internal abstract class ProduceLinkBase : IProduceLink
{
    private readonly CancellationTokenSource _broken = new();
    private Exception? _failure;

    public CancellationToken BrokenToken => _broken.Token;

    public bool IsBroken => Volatile.Read(ref _failure) is not null;

    public Exception? Failure => Volatile.Read(ref _failure);

    public void Break(Exception cause)
    {
        if (Interlocked.CompareExchange(ref _failure, cause, null) is null)
        {
            _ = Task.Run(() =>
            {
                _broken.Cancel();
                OnBroken();
            });
        }
    }

    /// <summary>Stops the link's own pending work once it is broken.</summary>
    protected abstract void OnBroken();

    public abstract Task SendAsync(ProduceCall call);

    public abstract Task ReadAsync(Action<ProduceAnswer> onAnswer);

    public abstract Task CloseAsync(TimeSpan grace);

    public abstract void Dispose();
}
