namespace Fluvio.Broker.Core;

/// <summary>
/// Bytes shared by many connections (frames being received, answers not yet written): taken
/// before the memory is allocated and given back when it is let go. A taker that does not fit
/// waits, first come first served, so a large claim is not starved by small ones slipping past;
/// a claim larger than the whole budget goes through when nothing else is held, or it would wait
/// forever.
/// </summary>
/// <remarks>
/// Asynchronous, unlike the producer's BufferBudget in Fluvio.Client: a waiting connection must
/// not hold a thread, and there may be a thousand of them.
/// </remarks>
internal sealed class ByteBudget(long capacity)
{
    private readonly object _gate = new();
    private readonly LinkedList<Waiter> _waiters = new();
    private long _used;

    public long Capacity => capacity;

    public long Used
    {
        get
        {
            lock (_gate)
            {
                return _used;
            }
        }
    }

    public ValueTask TakeAsync(long bytes, CancellationToken cancellationToken)
    {
        if (bytes <= 0)
        {
            return ValueTask.CompletedTask;
        }
        LinkedListNode<Waiter> node;
        lock (_gate)
        {
            if (_waiters.Count == 0 && Fits(bytes))
            {
                _used += bytes;
                return ValueTask.CompletedTask;
            }
            node = _waiters.AddLast(new Waiter(bytes));
        }
        return WaitAsync(node, cancellationToken);
    }

    /// <summary>Takes the bytes only if that needs no wait (nobody queued ahead, room now).</summary>
    public bool TryTake(long bytes)
    {
        if (bytes <= 0)
        {
            return true;
        }
        lock (_gate)
        {
            if (_waiters.Count > 0 || !Fits(bytes))
            {
                return false;
            }
            _used += bytes;
            return true;
        }
    }

    public void Release(long bytes)
    {
        if (bytes <= 0)
        {
            return;
        }
        lock (_gate)
        {
            _used -= bytes;
            GrantWaiters();
        }
    }

    private async ValueTask WaitAsync(LinkedListNode<Waiter> node, CancellationToken cancellationToken)
    {
        await using var registration = cancellationToken.Register(() =>
        {
            lock (_gate)
            {
                // Granted already (the bytes are the caller's) or still waiting (then it gives up its place).
                if (node.List is null)
                {
                    return;
                }
                _waiters.Remove(node);
                node.Value.Granted.TrySetCanceled(cancellationToken);
                // A large claim at the head may have held back smaller ones that fit.
                GrantWaiters();
            }
        }).ConfigureAwait(false);
        await node.Value.Granted.Task.ConfigureAwait(false);
    }

    private void GrantWaiters()
    {
        while (_waiters.First is { } first && Fits(first.Value.Bytes))
        {
            _waiters.RemoveFirst();
            _used += first.Value.Bytes;
            first.Value.Granted.TrySetResult();
        }
    }

    private bool Fits(long bytes) => _used + bytes <= capacity || _used == 0;

    private sealed class Waiter(long bytes)
    {
        public long Bytes => bytes;

        // Completed under the lock: continuations must not run there.
        public TaskCompletionSource Granted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
