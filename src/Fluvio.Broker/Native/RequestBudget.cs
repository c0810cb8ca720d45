namespace Fluvio.Broker.Native;

/// <summary>
/// Bounds the request bytes one connection may hold while they are being served: permits of
/// 1 MiB each, taken before a request is dispatched and returned when it is answered. A client
/// that pipelines faster than requests complete simply stops being read.
/// </summary>
internal sealed class RequestBudget
{
    private const int PermitBytes = 1024 * 1024;
    private const int Permits = 64;
    private readonly SemaphoreSlim _permits = new(Permits, Permits);

    /// <summary>Takes the permits for a request of <paramref name="bytes"/>; returns how many, for <see cref="Release"/>.</summary>
    public async ValueTask<int> TakeAsync(int bytes, CancellationToken cancellationToken)
    {
        // One reader per connection takes permits, so taking them one at a time cannot deadlock.
        int count = Math.Clamp((int)((bytes + (long)PermitBytes - 1) / PermitBytes), 1, Permits);
        for (int taken = 0; taken < count; taken++)
        {
            try
            {
                await _permits.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                Release(taken);
                throw;
            }
        }
        return count;
    }

    public void Release(int count)
    {
        if (count > 0)
        {
            _permits.Release(count);
        }
    }
}
