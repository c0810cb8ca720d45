using Fluvio.Client;
using Fluvio.Protocol.Grpc;
using Grpc.Core;
using Grpc.Net.Client;
using TopicSpec = Fluvio.Client.TopicSpec;

namespace Fluvio.Broker.Tests;

/// <summary>
/// Fluvio's own rules for topic settings (segment_size ≥ 1024, max_partition_size ≥ 2048 and ≥
/// the segment, retention ≥ 10 s), the same through both doors: InvalidArgument naming the field,
/// with a message of bounded length, and no topic made.
/// </summary>
public sealed class TopicRuleTests(BrokerFixture broker) : IClassFixture<BrokerFixture>
{
    public static TheoryData<string, string> Refused => new()
    {
        // Before: a 100-byte segment rolled on every batch (one file per batch).
        { "segment", "segment_size must be 1024 to 4294967295 bytes, 100 given" },
        { "max", "max_partition_size must be at least 2048 bytes and at least the segment size (4096), 4095 given" },
        { "retention", "retention must be 10 to 4294967295 seconds, 5 given" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_setting_below_Fluvio_s_minimum_is_refused_by_both_doors_naming_the_field(string setting, string message)
    {
        await using var native = await FluvioClient.ConnectAsync(new Uri($"fluvio://{broker.Process.ScAddress}"));
        foreach (var client in new[] { broker.Client, native })
        {
            string topic = Records.NewTopicName(setting);
            var spec = setting switch
            {
                "segment" => new TopicSpec(topic) { SegmentSize = 100 },
                "max" => new TopicSpec(topic) { SegmentSize = 4096, MaxPartitionSize = 4095 },
                _ => new TopicSpec(topic) { Retention = TimeSpan.FromSeconds(5) },
            };
            var e = await Assert.ThrowsAsync<FluvioException>(() => client.CreateTopicAsync(spec));
            Assert.Equal(FluvioErrorCode.InvalidArgument, e.Code);
            Assert.Contains(message, e.Message);
            Assert.DoesNotContain(await broker.Client.ListTopicsAsync(), t => t.Name == topic);
        }
    }

    [Fact]
    public async Task The_smallest_settings_Fluvio_allows_are_accepted()
    {
        string topic = Records.NewTopicName("least");
        var created = await broker.Client.CreateTopicAsync(new TopicSpec(topic) { SegmentSize = 1024, MaxPartitionSize = 2048, Retention = TimeSpan.FromSeconds(10) });
        Assert.Equal(1024, created.SegmentSize);
    }

    [Fact]
    public async Task Wire_values_past_what_a_topic_can_hold_are_InvalidArgument_not_Unknown()
    {
        using var channel = GrpcChannel.ForAddress(broker.Process.Endpoint);
        var admin = new Admin.AdminClient(channel);

        // Before: TimeSpan.FromSeconds(long.MaxValue) overflowed outside the error mapping: "Unknown: Exception was thrown by handler".
        var retention = await Assert.ThrowsAsync<RpcException>(() => admin.CreateTopicAsync(new CreateTopicRequest { Name = Records.NewTopicName("forever"), RetentionSeconds = long.MaxValue }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, retention.StatusCode);
        Assert.Contains($"retention must be 10 to 4294967295 seconds, {long.MaxValue} given", retention.Status.Detail);

        var negative = await Assert.ThrowsAsync<RpcException>(() => admin.CreateTopicAsync(new CreateTopicRequest { Name = Records.NewTopicName("back"), RetentionSeconds = -1 }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, negative.StatusCode);

        var partitions = await Assert.ThrowsAsync<RpcException>(() => admin.CreateTopicAsync(new CreateTopicRequest { Name = Records.NewTopicName("vast"), Partitions = uint.MaxValue }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, partitions.StatusCode);
        Assert.Contains("partitions must be 1 to 1000, 2147483647 or more given", partitions.Status.Detail);
    }

    [Fact]
    public async Task A_long_name_is_echoed_in_part_so_the_message_stays_short()
    {
        string name = new string('x', 300) + "!";
        await using var native = await FluvioClient.ConnectAsync(new Uri($"fluvio://{broker.Process.ScAddress}"));
        foreach (var client in new[] { broker.Client, native })
        {
            var invalid = await Assert.ThrowsAsync<FluvioException>(() => client.CreateTopicAsync(new TopicSpec(name)));
            Assert.Equal(FluvioErrorCode.InvalidTopicName, invalid.Code);
            // Before: the whole name, a 463-character message.
            Assert.InRange(invalid.Message.Length, 1, 300);
            Assert.Contains("(301 characters)", invalid.Message);
        }
        var missing = await Assert.ThrowsAsync<FluvioException>(() => broker.Client.DescribeTopicAsync(name));
        Assert.InRange(missing.Message.Length, 1, 300);
    }
}
