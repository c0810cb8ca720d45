using System.Buffers.Text;
using System.Diagnostics;
using Fluvio.Client;

namespace Fluvio.Bench;

/// <summary>
/// Case 4's records, sent by our client exactly as official/produce.mjs sends them with the
/// official one: key = the record's index in decimal, value = a fixed run of 'x'.
/// </summary>
internal static class SameRecords
{
    public static async Task<Measurement> ProduceAsync(FluvioClient client, string topic, int records, int valueBytes)
    {
        await using var producer = await client.CreateProducerAsync(topic);
        var clock = Stopwatch.StartNew();
        Send(producer, records, valueBytes);
        await producer.FlushAsync();
        clock.Stop();
        if (producer.FailedRecords > 0 || producer.AcknowledgedRecords != records)
        {
            throw new InvalidOperationException($"{producer.FailedRecords} records failed, {producer.AcknowledgedRecords} acknowledged.");
        }
        return new Measurement(records, (long)records * valueBytes, clock.Elapsed);
    }

    // Not awaited per record: the futures settle at the flush, as sendAll's do.
    private static void Send(TopicProducer producer, int records, int valueBytes)
    {
        var value = new byte[valueBytes];
        value.AsSpan().Fill((byte)'x');
        Span<byte> key = stackalloc byte[16];
        for (int i = 0; i < records; i++)
        {
            Utf8Formatter.TryFormat(i, key, out int length);
            producer.Send(key[..length], value);
        }
    }
}
