namespace Fluvio.Storage;

/// <summary>
/// One partition's health, in one place, with explicit transitions (each keeps its first cause):
/// <list type="bullet">
/// <item><b>Healthy</b>: appends and reads.</item>
/// <item><b>Write refused</b> (<see cref="RefuseWrites"/>): a write or fsync failed and the file's
/// state is unknown; committed data stays readable, appends are refused.</item>
/// <item><b>Fenced</b>: recovery found damage it will not silently cut (from the start), or a read
/// found acknowledged data damaged (<see cref="TryFence"/>); reads and appends stop.</item>
/// <item><b>Closed</b> (<see cref="TryBeginClose"/>, then <see cref="MarkClosed"/>): the store is
/// closing or the topic was deleted; every call gets the closing reason.</item>
/// </list>
/// The partition asks it before each operation; the writer asks it, under its queue lock, before
/// queueing an append, so no append slips in after a refusal.
/// </summary>
internal sealed class PartitionHealth(string label, string? recoveryFence)
{
    private volatile string? _damage;
    private volatile string? _writeFault;
    private volatile Refusal? _closed;
    private int _closing;
    // What the writer answers new appends with once writes are refused or the partition closes.
    private Refusal? _appendRefusal;
    private Exception? _appendRefusalCause;

    /// <summary>Fenced from the start: recovery found damage. The writer never runs.</summary>
    public bool FencedAtRecovery => recoveryFence is not null;

    public bool IsDamaged => _damage is not null;

    public bool IsClosed => _closed is not null;

    /// <summary>Nothing failed: no write fault, no damage (a clean-shutdown marker may be written).</summary>
    public bool IsSound => _writeFault is null && _damage is null;

    /// <summary>Why the partition cannot be used normally (recovery fence, damage or write fault), or null.</summary>
    public string? Fault => recoveryFence ?? _damage ?? _writeFault;

    /// <summary>Throws when reads and appends are stopped (fenced).</summary>
    public void ThrowIfFenced()
    {
        if (recoveryFence is not null)
        {
            throw new StorageException(
                FluvioErrorCode.StorageFailure,
                $"Partition {label} is fenced because recovery found damage it will not silently cut: {recoveryFence}. Other partitions are unaffected; restore or repair its files, then restart.");
        }
        if (_damage is { } damage)
        {
            throw new StorageException(FluvioErrorCode.StorageFailure, damage);
        }
    }

    public void ThrowIfClosed()
    {
        if (_closed is { } closed)
        {
            throw closed.ToException();
        }
    }

    /// <summary>For a reader waiting at the end: throws when no more data will ever come (damaged, or writes refused).</summary>
    public void ThrowIfNoMoreData()
    {
        if ((_damage ?? _writeFault) is { } fault)
        {
            throw new StorageException(FluvioErrorCode.StorageFailure, fault);
        }
    }

    /// <summary>Fenced after a read found damage; false when it already was (the first message stays).</summary>
    public bool TryFence(string message) => Interlocked.CompareExchange(ref _damage, message, null) is null;

    /// <summary>The fencing message in force (the first one given).</summary>
    public string DamageMessage => _damage ?? "";

    /// <summary>Write refused, after a write or fsync failure. Call under the writer's queue lock.</summary>
    public void RefuseWrites(string message, Exception cause)
    {
        _appendRefusal = new Refusal(FluvioErrorCode.StorageFailure, message);
        _appendRefusalCause = cause;
        _writeFault = message;
    }

    /// <summary>New appends are refused with the closing reason (unless already refused). Call under the writer's queue lock.</summary>
    public void RefuseAppendsForClose(FluvioErrorCode error, string message) => _appendRefusal ??= new Refusal(error, message);

    /// <summary>Whether new appends are refused. Call under the writer's queue lock.</summary>
    public bool RefusesAppends => _appendRefusal is not null;

    /// <summary>Throws the append refusal in force, if any. Call under the writer's queue lock.</summary>
    public void ThrowIfAppendsRefused()
    {
        if (_appendRefusal is { } refusal)
        {
            throw refusal.ToException(_appendRefusalCause);
        }
    }

    /// <summary>True for the first caller only: closing happens once.</summary>
    public bool TryBeginClose() => Interlocked.Exchange(ref _closing, 1) == 0;

    public void MarkClosed(FluvioErrorCode error, string message) => _closed = new Refusal(error, message);
}
