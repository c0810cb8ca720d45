using System.Diagnostics;
using Fluvio.Client;

namespace Fluvio.Bench;

/// <summary>
/// Case 5 (library): the consumer reading a whole topic from the beginning to the end seen at the
/// start. The first read is a warm-up (the consumer path's first run is JIT tier 0, as the cmdlet
/// cases' first 50,000 records are); the second is timed.
/// </summary>
internal static class LibraryConsume
{
    public static async Task<Measurement> RunAsync(FluvioClient client, string topic, long expected)
    {
        await ReadAsync(client, topic, expected);
        return await ReadAsync(client, topic, expected);
    }

    private static async Task<Measurement> ReadAsync(FluvioClient client, string topic, long expected)
    {
        long records = 0, bytes = 0;
        var clock = Stopwatch.StartNew();
        await foreach (var record in client.ConsumeAsync(topic, new ConsumerOptions()))
        {
            records++;
            bytes += record.Value.Length;
        }
        clock.Stop();
        if (records != expected)
        {
            throw new InvalidOperationException($"Read {records} records, expected {expected}.");
        }
        return new Measurement(records, bytes, clock.Elapsed);
    }
}
