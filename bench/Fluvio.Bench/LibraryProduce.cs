using System.Diagnostics;
using Fluvio.Client;

namespace Fluvio.Bench;

/// <summary>The library producer at full speed: enqueue every record, then one flush; timed until every record is acknowledged.</summary>
internal static class LibraryProduce
{
    public static async Task<Measurement> RunAsync(FluvioClient client, string topic, BenchSettings settings)
    {
        var value = new byte[settings.RecordBytes];
        Random.Shared.NextBytes(value);
        await using var producer = await client.CreateProducerAsync(topic);
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < settings.Records; i++)
        {
            producer.SendKeyless(value);
        }
        await producer.FlushAsync();
        clock.Stop();
        if (producer.FailedRecords > 0 || producer.AcknowledgedRecords != settings.Records)
        {
            throw new InvalidOperationException($"{producer.FailedRecords} records failed, {producer.AcknowledgedRecords} acknowledged.");
        }
        return new Measurement(settings.Records, (long)settings.Records * settings.RecordBytes, clock.Elapsed);
    }
}
