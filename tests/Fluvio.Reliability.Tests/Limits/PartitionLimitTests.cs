using Fluvio.Client;
using Grpc.Core;
using Grpc.Net.Client;
using Xunit.Abstractions;
using GrpcAdmin = Fluvio.Protocol.Grpc.Admin;
using GrpcCreateTopic = Fluvio.Protocol.Grpc.CreateTopicRequest;

namespace Fluvio.Reliability.Tests.Limits;

/// <summary>
/// Issue 12, item 1: a create of 100,000 or 2,147,483,647 partitions ran the broker out of
/// descriptors and memory, and every restart then aborted. Now the partitions of one topic
/// (--max-partitions-per-topic, 1,000) and of the whole broker (--max-partitions, 10,000) are
/// bounded before anything is made, through both doors, creates in flight counted; a broker
/// restarted with a lower limit fences the topics past it and serves the others.
/// </summary>
public sealed class PartitionLimitTests(ITestOutputHelper output)
{
    [Fact(Timeout = 120_000)]
    public async Task Huge_creates_are_refused_at_once_and_the_broker_keeps_serving()
    {
        await using var broker = await BrokerHost.StartAsync();
        await using var client = await FluvioClient.ConnectAsync(broker.Endpoint);
        await client.CreateTopicAsync(new TopicSpec("side"));
        using var channel = GrpcChannel.ForAddress(broker.Endpoint);
        var admin = new GrpcAdmin.AdminClient(channel);

        foreach (uint partitions in new uint[] { 100_000, int.MaxValue, uint.MaxValue })
        {
            var started = DateTime.UtcNow;
            var refused = await Assert.ThrowsAsync<RpcException>(() => admin.CreateTopicAsync(new GrpcCreateTopic { Name = "flood", Partitions = partitions }).ResponseAsync);
            output.WriteLine($"{partitions}: {refused.Status.Detail} ({(DateTime.UtcNow - started).TotalMilliseconds:F0} ms)");
            Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
            Assert.Contains("partitions must be 1 to 1000", refused.Status.Detail);
        }
        await using var native = await FluvioClient.ConnectAsync(new Uri($"fluvio://{broker.ScEndpoint}"));
        var nativeRefused = await Assert.ThrowsAsync<FluvioException>(() => native.CreateTopicAsync(new TopicSpec("flood") { Partitions = 10_000 }));
        Assert.Equal(FluvioErrorCode.InvalidArgument, nativeRefused.Code);

        Assert.False(Directory.Exists(Path.Combine(broker.DataDirectory, "topics", "flood")));
        Assert.False(broker.HasExited, broker.Diagnostics);
        var acked = await Produce.StampedAsync(client, "side", producer: 1, count: 50);
        StoredLog.AssertNone((await StoredLog.ReadAsync(broker.Endpoint, "side", 1)).Check(acked), "the side topic");
    }

    [Fact(Timeout = 180_000)]
    public async Task The_broker_wide_limit_counts_every_topic_and_a_lower_limit_at_restart_fences_instead_of_failing()
    {
        string data = BrokerHost.NewDataDirectory();
        await using (var broker = await BrokerHost.StartAsync(data, "--max-partitions", "20"))
        {
            await using var client = await FluvioClient.ConnectAsync(broker.Endpoint);
            await client.CreateTopicAsync(new TopicSpec("small") { Partitions = 5 });
            await client.CreateTopicAsync(new TopicSpec("wide") { Partitions = 15 });
            var full = await Assert.ThrowsAsync<FluvioException>(() => client.CreateTopicAsync(new TopicSpec("one-more")));
            output.WriteLine(full.Message);
            Assert.Equal(FluvioErrorCode.InvalidArgument, full.Code);
            Assert.Contains("holds 20 of its 20 partitions", full.Message);
            Assert.Contains("--max-partitions", full.Message);
            await using var native = await FluvioClient.ConnectAsync(new Uri($"fluvio://{broker.ScEndpoint}"));
            Assert.Equal(FluvioErrorCode.InvalidArgument, (await Assert.ThrowsAsync<FluvioException>(() => native.CreateTopicAsync(new TopicSpec("one-more")))).Code);

            // Deleting gives the room back.
            await client.DeleteTopicAsync("small");
            await client.CreateTopicAsync(new TopicSpec("small") { Partitions = 5 });
            await Produce.StampedAsync(client, "small", producer: 1, count: 10);
        }

        // Restarted with room for 10: one of the two topics is fenced with the reason, never a failed start.
        await using (var broker = await BrokerHost.StartAsync(data, "--max-partitions", "10"))
        {
            await using var client = await FluvioClient.ConnectAsync(broker.Endpoint);
            Assert.Contains("do not fit", broker.Diagnostics);
            var served = (await client.ListTopicsAsync()).Select(t => t.Name).ToList();
            output.WriteLine($"served: {string.Join(", ", served)}");
            Assert.Contains("small", served);
            var fenced = await Assert.ThrowsAsync<FluvioException>(() => client.DescribeTopicAsync("wide"));
            Assert.Equal(FluvioErrorCode.StorageFailure, fenced.Code);
            Assert.Contains("--max-partitions", fenced.Message);
            Assert.Equal(10, (await StoredLog.ReadAsync(broker.Endpoint, "small", 5)).Records.Count());
        }
        TempData.Delete(data);
    }
}
