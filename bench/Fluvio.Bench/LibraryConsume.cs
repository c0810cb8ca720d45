using System.Diagnostics;
using Fluvio.Client;

namespace Fluvio.Bench;

/// <summary>Case 5 (library): the consumer reading a whole topic from the beginning to the end seen at the start.</summary>
internal static class LibraryConsume
{
    public static async Task<Measurement> RunAsync(FluvioClient client, string topic, long expected)
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
