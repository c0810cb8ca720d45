using Fluvio.Client;

namespace Fluvio.Reliability.Tests;

/// <summary>Small produce helpers for tests that need a known log rather than a race.</summary>
internal static class Produce
{
    /// <summary>
    /// Sends <paramref name="count"/> stamped records of producer <paramref name="producer"/> in
    /// batches of about <paramref name="perBatch"/>, waits for all, returns the acknowledgements.
    /// </summary>
    public static async Task<List<Acked>> StampedAsync(FluvioClient client, string topic, int producer, int count,
        int perBatch = 20, int padding = 32, int? partition = null, long firstSequence = 0)
    {
        await using var sender = await client.CreateProducerAsync(topic, new ProducerOptions { Linger = TimeSpan.FromSeconds(5) });
        var sent = new List<(ProduceFuture, Stamp)>();
        for (int i = 0; i < count; i++)
        {
            var stamp = new Stamp(producer, firstSequence + i);
            sent.Add((sender.Send([(byte)(i % 7)], stamp.Encode(padding), partition), stamp));
            if ((i + 1) % perBatch == 0)
            {
                await sender.FlushAsync().Within(TimeSpan.FromSeconds(30), "a flush");
            }
        }
        await sender.FlushAsync().Within(TimeSpan.FromSeconds(30), "a flush");
        return [.. sent.Select(s => new Acked(topic, s.Item1.Result.Partition, s.Item1.Result.Offset, s.Item2))];
    }
}
