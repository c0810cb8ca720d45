namespace Fluvio.Storage;

/// <summary>
/// Wakes tasks waiting for a partition's end offset to move. The commit path notifies; nobody
/// polls. Costs nothing per commit while no one waits.
/// </summary>
internal sealed class CommitSignal
{
    private TaskCompletionSource _next = New();
    private int _armed;

    /// <summary>
    /// The task the next notification completes. Check the condition you wait for after arming:
    /// a commit either happened before the check (the check sees it) or sees the armed flag and
    /// completes this task.
    /// </summary>
    public Task Arm()
    {
        var task = Volatile.Read(ref _next).Task;
        Interlocked.Exchange(ref _armed, 1);
        return task;
    }

    /// <summary>After a commit: wakes the waiters, if any.</summary>
    public void Notify()
    {
        if (Interlocked.Exchange(ref _armed, 0) != 0)
        {
            NotifyAll();
        }
    }

    /// <summary>Unconditionally wakes every waiter (close, failure).</summary>
    public void NotifyAll() => Interlocked.Exchange(ref _next, New()).TrySetResult();

    private static TaskCompletionSource New() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
