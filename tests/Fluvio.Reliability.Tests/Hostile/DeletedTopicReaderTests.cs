using Fluvio.Client;
using Fluvio.Protocol.Grpc;
using Grpc.Core;
using Grpc.Net.Client;
using Xunit.Abstractions;

namespace Fluvio.Reliability.Tests.Hostile;

/// <summary>
/// Issue 12, item 4: a continuous gRPC reader of a deleted topic spun a core forever, even after
/// its client left (two readers: 197 % CPU, produce round trips 4× slower, SIGTERM took 13 s).
/// Now every such reader ends with TopicNotFound ("was deleted"), the broker goes back to idle,
/// and a producer alongside loses nothing.
/// </summary>
public sealed class DeletedTopicReaderTests(ITestOutputHelper output)
{
    [Fact(Timeout = 120_000)]
    public async Task Continuous_readers_of_a_deleted_topic_end_and_leave_the_broker_idle()
    {
        await using var broker = await BrokerHost.StartAsync();
        await using var client = await FluvioClient.ConnectAsync(broker.Endpoint);
        await client.CreateTopicAsync(new TopicSpec("side"));
        await client.CreateTopicAsync(new TopicSpec("doomed") { Partitions = 2 });
        using var channel = GrpcChannel.ForAddress(broker.Endpoint);
        var consumer = new Consumer.ConsumerClient(channel);
        var readers = Enumerable.Range(0, 4)
            .Select(i => consumer.Consume(new ConsumeRequest { Topic = "doomed", Partition = (uint)(i % 2), Continuous = true }))
            .ToList();
        foreach (var reader in readers)
        {
            Assert.True(await reader.ResponseStream.MoveNext(CancellationToken.None).Within(TimeSpan.FromSeconds(10), "a reader's header"));
        }

        await client.DeleteTopicAsync("doomed");

        foreach (var reader in readers)
        {
            var ended = await Assert.ThrowsAsync<RpcException>(() => reader.ResponseStream.MoveNext(CancellationToken.None).Within(TimeSpan.FromSeconds(10), "a reader's end"));
            Assert.Equal(StatusCode.NotFound, ended.StatusCode);
            Assert.Contains("was deleted", ended.Status.Detail);
            reader.Dispose();
        }
        // Idle again: over two seconds the broker burns a small share of one core, not the whole of several.
        var before = broker.CpuTime;
        await Task.Delay(TimeSpan.FromSeconds(2));
        var burned = broker.CpuTime - before;
        output.WriteLine($"broker CPU over 2 s after the delete: {burned.TotalMilliseconds:F0} ms");
        Assert.True(burned < TimeSpan.FromSeconds(1), $"the broker burned {burned.TotalMilliseconds:F0} ms of CPU in 2 s");

        var acked = await Produce.StampedAsync(client, "side", producer: 1, count: 100);
        StoredLog.AssertNone((await StoredLog.ReadAsync(broker.Endpoint, "side", 1)).Check(acked), "the side topic");
        Assert.Equal(0, await broker.StopAsync(TimeSpan.FromSeconds(10)));
    }
}
