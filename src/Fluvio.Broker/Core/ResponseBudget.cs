namespace Fluvio.Broker.Core;

/// <summary>
/// Bounds the answers one connection has built but not yet written: taken before the records are
/// read (so a slow reader's stream or Fetch waits instead of reading ahead), given back once the
/// frame is on the socket. Each connection's first <see cref="Allowance"/> bytes are its own;
/// only bytes past that draw on the broker-wide budget, so clients that stop reading can exhaust
/// the shared budget but never stall an ordinary consumer's small frames on other connections.
/// </summary>
internal sealed class ResponseBudget(ByteBudget shared, int perConnection)
{
    /// <summary>
    /// Small enough that the most connections allowed, each holding this, stay far below the
    /// attacks it answers (1,024 × 256 KiB = 256 MiB); larger than most answers.
    /// </summary>
    public const int Allowance = 256 * 1024;

    private readonly ByteBudget _connection = new(perConnection);
    private readonly object _gate = new();
    private long _allowanceUsed;

    /// <summary>The most one frame read for this connection may hold.</summary>
    public int PerConnection => perConnection;

    public async ValueTask<ResponseLease> TakeAsync(long bytes, CancellationToken cancellationToken)
    {
        await _connection.TakeAsync(bytes, cancellationToken).ConfigureAwait(false);
        long own = TakeAllowance(bytes);
        try
        {
            await shared.TakeAsync(bytes - own, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Unwind(own, bytes);
            throw;
        }
        return new ResponseLease(this, own, bytes - own);
    }

    /// <summary>
    /// Takes the bytes only if that needs no wait: for frames whose producer cannot wait (a
    /// metadata change is pushed to every watcher at once), where no room means the client
    /// has stopped reading.
    /// </summary>
    public ResponseLease? TryTake(long bytes)
    {
        if (!_connection.TryTake(bytes))
        {
            return null;
        }
        long own = TakeAllowance(bytes);
        if (!shared.TryTake(bytes - own))
        {
            Unwind(own, bytes);
            return null;
        }
        return new ResponseLease(this, own, bytes - own);
    }

    /// <summary>The part of <paramref name="bytes"/> this connection's own allowance still covers (taken).</summary>
    private long TakeAllowance(long bytes)
    {
        lock (_gate)
        {
            long own = Math.Min(bytes, Allowance - _allowanceUsed);
            _allowanceUsed += own;
            return own;
        }
    }

    /// <summary>Undoes a take whose shared part failed: its allowance and all its connection bytes go back.</summary>
    private void Unwind(long own, long bytes)
    {
        lock (_gate)
        {
            _allowanceUsed -= own;
        }
        _connection.Release(bytes);
    }

    internal void GiveBack(long own, long fromShared)
    {
        shared.Release(fromShared);
        lock (_gate)
        {
            _allowanceUsed -= own;
        }
        _connection.Release(own + fromShared);
    }
}

/// <summary>Bytes taken from a <see cref="ResponseBudget"/>; disposing gives them back (once).</summary>
internal sealed class ResponseLease(ResponseBudget budget, long own, long fromShared) : IDisposable
{
    private long _own = own;
    private long _fromShared = fromShared;

    /// <summary>Gives back what was taken beyond <paramref name="bytes"/> (a frame smaller than asked for), the shared part first.</summary>
    public void ShrinkTo(long bytes)
    {
        long excess = _own + _fromShared - Math.Max(0, bytes);
        if (excess <= 0)
        {
            return;
        }
        long shared = Math.Min(excess, _fromShared);
        long own = excess - shared;
        (_own, _fromShared) = (_own - own, _fromShared - shared);
        budget.GiveBack(own, shared);
    }

    public void Dispose() => ShrinkTo(0);
}
