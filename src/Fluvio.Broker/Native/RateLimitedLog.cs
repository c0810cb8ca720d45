namespace Fluvio.Broker.Native;

/// <summary>
/// A log line for something an attacker can make happen thousands of times a second (refused
/// connections, failed accepts, timeouts): written at most once per interval, saying how many
/// times it happened since the last line, so the log stays readable and the disk stays free.
/// </summary>
internal sealed class RateLimitedLog(Action<string> log, TimeSpan interval)
{
    private readonly object _gate = new();
    private long _lastWritten = long.MinValue;
    private long _since;

    /// <summary>Counts <paramref name="count"/> occurrences; writes <paramref name="what"/> with the count when the interval has passed.</summary>
    public void Report(Func<long, string> what, long count = 1)
    {
        string? line = null;
        lock (_gate)
        {
            _since += count;
            long now = Environment.TickCount64;
            if (_lastWritten == long.MinValue || now - _lastWritten >= interval.TotalMilliseconds)
            {
                line = what(_since);
                (_since, _lastWritten) = (0, now);
            }
        }
        if (line is not null)
        {
            log(line);
        }
    }
}
