namespace Fluvio.Storage;

/// <summary>
/// Background work on a timer (retention passes, interval flushes). Runs never overlap, an
/// exception is logged instead of tearing down the process, and disposing waits for a run in
/// progress, so nothing runs once the store has stopped it.
/// </summary>
internal sealed class PeriodicWork : IAsyncDisposable
{
    private readonly string _name;
    private readonly Action _work;
    private readonly Action<string>? _log;
    private readonly Timer _timer;
    private int _running;

    public PeriodicWork(string name, TimeSpan interval, Action work, Action<string>? log)
    {
        _name = name;
        _work = work;
        _log = log;
        _timer = new Timer(_ => Run(), null, interval, interval);
    }

    public ValueTask DisposeAsync() => _timer.DisposeAsync();

    private void Run()
    {
        if (Interlocked.Exchange(ref _running, 1) != 0)
        {
            return;
        }
        try
        {
            _work();
        }
        catch (Exception ex)
        {
            _log?.Invoke($"{_name} failed: {ex.Message}");
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }
}
