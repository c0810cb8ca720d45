namespace Fluvio.Client;

/// <summary>
/// The producer's backpressure: bytes of records not yet settled (open, sealed, in flight).
/// <see cref="Acquire"/> takes room without waiting while there is some and blocks, honouring
/// its token, only when the budget is spent; settled batches give their bytes back. A record
/// bigger than the whole budget is let through when nothing else is buffered.
/// </summary>
internal sealed class BufferBudget
{
    private readonly long _max;
    private readonly ManualResetEventSlim _roomFreed = new(initialState: false);
    private readonly object _gate = new();
    private long _used;
    private int _blocked;

    public BufferBudget(long maxBytes)
    {
        _max = maxBytes;
    }

    public long Used => Interlocked.Read(ref _used);

    /// <summary>Callers of <see cref="Acquire"/> waiting for room right now.</summary>
    public int Blocked => Volatile.Read(ref _blocked);

    /// <param name="onFull">Called once before blocking (the producer seals its open batches so they can drain).</param>
    public void Acquire(long bytes, CancellationToken ct, Action? onFull = null)
    {
        long after = Interlocked.Add(ref _used, bytes);
        if (after <= _max || after == bytes)
        {
            return;
        }
        Interlocked.Add(ref _used, -bytes);
        onFull?.Invoke();
        Interlocked.Increment(ref _blocked);
        try
        {
            while (true)
            {
                lock (_gate)
                {
                    long used = Interlocked.Read(ref _used);
                    if (used + bytes <= _max || used == 0)
                    {
                        Interlocked.Add(ref _used, bytes);
                        return;
                    }
                    _roomFreed.Reset();
                }
                _roomFreed.Wait(ct);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _blocked);
        }
    }

    public void Release(long bytes)
    {
        Interlocked.Add(ref _used, -bytes);
        lock (_gate)
        {
            _roomFreed.Set();
        }
    }
}
