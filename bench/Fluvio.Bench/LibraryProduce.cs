using System.Diagnostics;
using Fluvio.Client;

namespace Fluvio.Bench;

/// <summary>
/// Case 3: the library producer at full speed (enqueue every record, one flush), timed until
/// every record is acknowledged, with ack latency from a sample of the records.
/// </summary>
internal static class LibraryProduce
{
    public static async Task<Measurement> RunAsync(FluvioClient client, string topic, int records, int recordBytes)
    {
        var value = new byte[recordBytes];
        Random.Shared.NextBytes(value);
        var latency = new LatencyRecorder(sampleEvery: 997);
        await using var producer = await client.CreateProducerAsync(topic);
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < records; i++)
        {
            var future = producer.SendKeyless(value);
            if (latency.ShouldSample(i))
            {
                latency.Track(future.AsTask(), Stopwatch.GetTimestamp());
            }
        }
        await producer.FlushAsync();
        clock.Stop();
        if (producer.FailedRecords > 0 || producer.AcknowledgedRecords != records)
        {
            throw new InvalidOperationException($"{producer.FailedRecords} records failed, {producer.AcknowledgedRecords} acknowledged.");
        }
        return new Measurement(records, (long)records * recordBytes, clock.Elapsed) { Latency = await latency.ResultAsync() };
    }
}
