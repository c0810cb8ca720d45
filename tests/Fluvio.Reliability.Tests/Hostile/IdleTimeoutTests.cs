using Fluvio.Client;
using Fluvio.Protocol.Native;
using Xunit.Abstractions;
using TopicSpec = Fluvio.Client.TopicSpec;

namespace Fluvio.Reliability.Tests.Hostile;

/// <summary>
/// Issue 12, item 3's idle half: a native connection that has spoken but holds nothing (no
/// request being served, no stream, no watch) is closed after --idle-timeout-s; one holding a
/// stream is in use however quiet it is, as the official client's SC connection is with its watches.
/// </summary>
public sealed class IdleTimeoutTests(ITestOutputHelper output)
{
    [Fact(Timeout = 60_000)]
    public async Task An_idle_connection_is_closed_and_one_holding_a_stream_is_not()
    {
        await using var broker = await BrokerHost.StartAsync(null, "--idle-timeout-s", "2");
        await using var client = await FluvioClient.ConnectAsync(broker.Endpoint);
        await client.CreateTopicAsync(new TopicSpec("quiet"));

        await using var idle = await RawNativeSocket.ConnectAsync(broker.SpuEndpoint);
        Assert.True(await idle.AnswersApiVersionsAsync(TimeSpan.FromSeconds(10)), "ApiVersions on the idle connection");
        await using var streaming = await RawNativeSocket.ConnectAsync(broker.SpuEndpoint);
        Assert.True(await streaming.AnswersApiVersionsAsync(TimeSpan.FromSeconds(10)), "ApiVersions on the streaming connection");
        // An empty topic: the stream waits for records, sending nothing, for as long as it is open.
        await streaming.SendAsync((ushort)SpuApiKey.StreamFetch, 2,
            new StreamFetchRequest("quiet", 0, 0, 64 * 1024, Isolation.ReadUncommitted, ReadOnlyMemory<byte>.Empty, [], null));

        var started = DateTime.UtcNow;
        Assert.True(await idle.ClosedByBrokerAsync(TimeSpan.FromSeconds(10)), "the idle connection stayed open");
        var closedAfter = DateTime.UtcNow - started;
        Assert.False(await streaming.ClosedByBrokerAsync(TimeSpan.FromSeconds(5)), "the connection holding a stream was closed");

        // Still served: a record produced now arrives on the quiet stream.
        await using (var producer = await client.CreateProducerAsync("quiet"))
        {
            await producer.Send(null, "late"u8.ToArray()).AsTask();
        }
        var (id, body) = await streaming.ReadAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(2, id);
        Assert.True(StreamFetchResponse.Decode(body, FluvioApiVersions.SpuCurrentVersion).Partition.Batches.Length > 0, "the stream's frame has no records");
        Figures.Report(output, nameof(IdleTimeoutTests), $"--idle-timeout-s 2: the idle connection closed {closedAfter.TotalSeconds:0.0} s after its last request; the one holding a stream stayed open 5 s more and still streamed");
    }

    [Fact(Timeout = 90_000)]
    public async Task A_native_client_whose_idle_connections_were_closed_carries_on()
    {
        await using var broker = await BrokerHost.StartAsync(null, "--idle-timeout-s", "2");
        await using var client = await FluvioClient.ConnectAsync(new Uri($"fluvio://{broker.ScEndpoint}"));
        await client.CreateTopicAsync(new TopicSpec("later"));
        var first = await Produce.StampedAsync(client, "later", producer: 1, count: 10);

        // An admin's session left alone past the idle timeout: its SPU connection (used only by
        // the producer, now done) is closed by the broker. The next calls must just work.
        await Task.Delay(TimeSpan.FromSeconds(5));
        Assert.Contains(await client.ListTopicsAsync(), t => t.Name == "later");
        var second = await Produce.StampedAsync(client, "later", producer: 1, count: 10, firstSequence: 10);
        StoredLog.AssertNone((await StoredLog.ReadAsync(broker.Endpoint, "later", 1)).Check([.. first, .. second]), "the topic");
        var read = new List<ConsumerRecord>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await foreach (var record in client.ConsumeAsync("later", new ConsumerOptions(), timeout.Token))
        {
            read.Add(record);
        }
        Assert.Equal(20, read.Count);
    }
}
