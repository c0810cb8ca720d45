using System.Diagnostics;
using HdrHistogram;

namespace Fluvio.Bench;

/// <summary>
/// Ack latency, send to acknowledgement, for a sample of the records (every Nth): watching every
/// record would itself slow the producer being measured.
/// </summary>
internal sealed class LatencyRecorder(int sampleEvery)
{
    private readonly LongHistogram _histogram = new(TimeStamp.Minutes(5), 3);
    private readonly List<Task> _pending = new();

    public bool ShouldSample(long sequence) => sequence % sampleEvery == 0;

    public void Track(Task acknowledged, long sentAt) =>
        _pending.Add(acknowledged.ContinueWith(_ =>
        {
            long elapsed = Stopwatch.GetTimestamp() - sentAt;
            lock (_histogram)
            {
                _histogram.RecordValue(elapsed);
            }
        }, TaskContinuationOptions.ExecuteSynchronously));

    public async Task<Latency> ResultAsync()
    {
        await Task.WhenAll(_pending);
        double Ms(double percentile) => _histogram.GetValueAtPercentile(percentile) * 1000.0 / Stopwatch.Frequency;
        return new Latency(Ms(50), Ms(99), Ms(99.9));
    }
}

internal sealed record Latency(double P50Ms, double P99Ms, double P999Ms)
{
    public override string ToString() => $"ack p50 {P50Ms:F1} ms, p99 {P99Ms:F1} ms, p99.9 {P999Ms:F1} ms";
}
