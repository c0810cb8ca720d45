using System.Diagnostics;
using Fluvio.Client;

namespace Fluvio.Bench;

/// <summary>The library consumer reading the whole topic from the beginning to the end seen at the start.</summary>
internal static class LibraryConsume
{
    public static async Task<Measurement> RunAsync(FluvioClient client, string topic, BenchSettings settings)
    {
        long records = 0, bytes = 0;
        var clock = Stopwatch.StartNew();
        await foreach (var record in client.ConsumeAsync(topic, new ConsumerOptions()))
        {
            records++;
            bytes += record.Value.Length;
        }
        clock.Stop();
        if (records != settings.Records)
        {
            throw new InvalidOperationException($"Read {records} records, expected {settings.Records}.");
        }
        return new Measurement(records, bytes, clock.Elapsed);
    }
}
