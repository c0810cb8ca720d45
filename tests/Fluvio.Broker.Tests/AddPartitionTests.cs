using Fluvio.Client;
using Fluvio.Protocol.Grpc;
using Fluvio.Protocol.Native;
using Grpc.Core;
using Grpc.Net.Client;
using TopicSpec = Fluvio.Client.TopicSpec;
using NativeTopicSpec = Fluvio.Protocol.Native.TopicSpec;
using Status = Fluvio.Protocol.Native.Status;

namespace Fluvio.Broker.Tests;

/// <summary>
/// Fluvio's add-partition through both doors of a real broker: the native SC's Update
/// (UpdateTopicAction::AddPartition) and the gRPC AddPartitions, one core method behind them,
/// within the broker's limits, durable across a restart, and pushed to native watchers.
/// </summary>
public sealed class AddPartitionTests(BrokerFixture broker) : IClassFixture<BrokerFixture>
{
    [Fact]
    public async Task Both_doors_add_partitions_that_a_new_producer_hashes_over()
    {
        await using var native = await FluvioClient.ConnectAsync(new Uri($"fluvio://{broker.Process.ScAddress}"));
        foreach (var client in new[] { broker.Client, native })
        {
            string topic = Records.NewTopicName("grow");
            await client.CreateTopicAsync(new TopicSpec(topic));

            var grown = await client.AddPartitionsAsync(topic, 2);

            Assert.Equal(3, grown.Partitions);
            Assert.Equal("Provisioned", grown.Status);
            var partitions = await client.ListPartitionsAsync(topic);
            Assert.Equal([0, 1, 2], partitions.Select(p => p.Partition));
            Assert.All(partitions, p => Assert.Equal(("Online", 0L, 1), (p.Status, p.EndOffset, p.LiveReplicas)));
            // "alice" is partition 0 of 1 and partition 2 of 3 (docs: the partitioner's vectors).
            await using var producer = await client.CreateProducerAsync(topic);
            var sent = producer.Send(Records.Utf8("alice"), Records.Utf8("after"));
            await producer.FlushAsync();
            Assert.Equal(new RecordMetadata(2, 0), await sent.AsTask());
            // Fluvio's partition list columns, as this single node fills them: one replica, HW = LEO, LRS 1.
            var third = (await client.ListPartitionsAsync(topic))[2];
            Assert.Equal([5001], third.Replicas!);
            Assert.Equal((1L, 1L, 1), (third.HighWatermark, third.LogEndOffset, third.LiveReplicas));
            var listed = Assert.Single(await client.ListTopicsAsync(), t => t.Name == topic);
            Assert.Equal(("computed", "Provisioned", ""), (listed.Type, listed.Status, listed.Reason));
        }
    }

    [Fact]
    public async Task A_native_Update_pushes_the_topic_and_its_new_partitions_to_watchers_before_its_Status()
    {
        string topic = Records.NewTopicName("watched");
        await broker.Client.CreateTopicAsync(new TopicSpec(topic));
        await using var sc = await NativeTestClient.ConnectAsync(broker.Process.ScAddress);
        await sc.SendRawAsync(NativeFrame.Request(new RequestHeader((ushort)ScApiKey.Watch, 16, 1, "dummy"),
            w => ObjectEnvelope.Write(w, ObjectLabel.Topic, body => new WatchObjectsRequest(0, false).Encode(body, 16))));
        await sc.SendRawAsync(NativeFrame.Request(new RequestHeader((ushort)ScApiKey.Watch, 16, 3, "dummy"),
            w => ObjectEnvelope.Write(w, ObjectLabel.Partition, body => new WatchObjectsRequest(0, false).Encode(body, 16))));
        await sc.ReadAsync(); // the two snapshots
        await sc.ReadAsync();

        var update = new UpdateObjectRequest(topic, UpdateTopicAction.AddPartition(2));
        await sc.SendRawAsync(NativeFrame.Request(new RequestHeader((ushort)ScApiKey.Update, 16, 2, "fluvio"),
            w => ObjectEnvelope.Write(w, ObjectLabel.Topic, body => update.Encode(body, 16))));

        var frames = new Dictionary<int, WireReader>();
        for (int i = 0; i < 3; i++)
        {
            var (id, body) = await sc.ReadAsync();
            // The Status (2) comes last: watchers hear of the partitions before the client hears "added".
            Assert.True(id != 2 || frames.Count == 2, "the Status came before the watch changes");
            frames[id] = body;
        }
        Assert.False(Status.Decode(frames[2], 16).Error.IsError);
        var topics = MetadataUpdate<NativeTopicSpec, TopicStatus>.Decode(ObjectEnvelope.Decode(frames[1], 16).Reader(), 16);
        var (_, changed) = Assert.Single(topics.Changes, c => c.Object.Name == topic);
        Assert.Equal(3, changed.Spec.Replicas.PartitionCount);
        // What `fluvio topic add-partition` waits for: the replica map grown by the count.
        Assert.Equal(3, changed.Status.ReplicaMap.Count);
        var partitions = MetadataUpdate<PartitionSpec, PartitionStatus>.Decode(ObjectEnvelope.Decode(frames[3], 16).Reader(), 16);
        Assert.Equal([$"{topic}-0", $"{topic}-1", $"{topic}-2"], partitions.Changes.Where(c => c.Type == MessageType.Update).Select(c => c.Object.Name).Order());
    }

    [Fact]
    public async Task Counts_below_one_or_past_the_limits_are_InvalidArgument_naming_count_through_both_doors()
    {
        string topic = Records.NewTopicName("limits");
        await broker.Client.CreateTopicAsync(new TopicSpec(topic));

        using var channel = GrpcChannel.ForAddress(broker.Process.Endpoint);
        var admin = new Admin.AdminClient(channel);
        foreach (uint count in new[] { 0u, 1001u, uint.MaxValue })
        {
            var e = await Assert.ThrowsAsync<RpcException>(() => admin.AddPartitionsAsync(new AddPartitionsRequest { Topic = topic, Count = count }).ResponseAsync);
            Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
            Assert.Equal($"count: 1 to 1000 partitions may be added (--max-partitions-per-topic), {count} given.", e.Status.Detail);
        }

        await using var sc = await NativeTestClient.ConnectAsync(broker.Process.ScAddress);
        var zero = new UpdateObjectRequest(topic, UpdateTopicAction.AddPartition(0));
        await sc.SendRawAsync(NativeFrame.Request(new RequestHeader((ushort)ScApiKey.Update, 16, 7, "fluvio"),
            w => ObjectEnvelope.Write(w, ObjectLabel.Topic, body => zero.Encode(body, 16))));
        var (_, answer) = await sc.ReadAsync();
        var status = Status.Decode(answer, 16);
        Assert.Equal(ErrorCodes.TopicInvalidConfiguration, status.Error.Code);
        Assert.Equal("count: 1 to 1000 partitions may be added (--max-partitions-per-topic), 0 given.", status.Message);

        // 1000 passes the per-call check but not the topic's limit (1 + 1000 > 1000).
        await using var native = await FluvioClient.ConnectAsync(new Uri($"fluvio://{broker.Process.ScAddress}"));
        foreach (var client in new[] { broker.Client, native })
        {
            var e = await Assert.ThrowsAsync<FluvioException>(() => client.AddPartitionsAsync(topic, 1000));
            Assert.Equal(FluvioErrorCode.InvalidArgument, e.Code);
            Assert.Equal($"count: topic '{topic}' has 1 partitions, so 1000 more would pass the 1000 a topic may have (--max-partitions-per-topic).", e.Message);
            var below = await Assert.ThrowsAsync<FluvioException>(() => client.AddPartitionsAsync(topic, 0));
            Assert.Equal((FluvioErrorCode.InvalidArgument, "count must be at least 1."), (below.Code, below.Message));
        }
        Assert.Equal(1, (await broker.Client.DescribeTopicAsync(topic)).Partitions);
    }

    [Fact]
    public async Task A_missing_topic_is_TopicNotFound_through_both_doors()
    {
        await using var native = await FluvioClient.ConnectAsync(new Uri($"fluvio://{broker.Process.ScAddress}"));
        foreach (var client in new[] { broker.Client, native })
        {
            var e = await Assert.ThrowsAsync<FluvioException>(() => client.AddPartitionsAsync("no-such-topic", 1));
            Assert.Equal(FluvioErrorCode.TopicNotFound, e.Code);
        }
    }

    [Fact]
    public async Task The_broker_wide_partition_limit_counts_the_partitions_added()
    {
        await using var limited = await BrokerProcess.StartAsync(null, "--max-partitions", "4");
        await using var client = await FluvioClient.ConnectAsync(limited.Endpoint);
        string topic = Records.NewTopicName("full");
        await client.CreateTopicAsync(new TopicSpec(topic) { Partitions = 3 });

        var e = await Assert.ThrowsAsync<FluvioException>(() => client.AddPartitionsAsync(topic, 2));
        Assert.Equal(FluvioErrorCode.InvalidArgument, e.Code);
        Assert.Equal("count: the broker holds 3 of its 4 partitions, so 2 more do not fit (--max-partitions raises the limit).", e.Message);

        Assert.Equal(4, (await client.AddPartitionsAsync(topic, 1)).Partitions);
        var full = await Assert.ThrowsAsync<FluvioException>(() => client.CreateTopicAsync(new TopicSpec(Records.NewTopicName("more"))));
        Assert.Equal(FluvioErrorCode.InvalidArgument, full.Code);
    }

    [Fact]
    public async Task Added_partitions_and_their_records_survive_a_restart()
    {
        string topic = Records.NewTopicName("kept");
        string data;
        await using (var first = await BrokerProcess.StartAsync())
        {
            data = first.DataDirectory;
            await using var client = await FluvioClient.ConnectAsync(first.Endpoint);
            await client.CreateTopicAsync(new TopicSpec(topic));
            await client.AddPartitionsAsync(topic, 2);
            await using var producer = await client.CreateProducerAsync(topic);
            producer.Send(Records.Utf8("alice"), Records.Utf8("in partition 2"));
            await producer.FlushAsync();
            await first.StopAsync();
        }
        await using var restarted = await BrokerProcess.StartAsync(data);
        await using var again = await FluvioClient.ConnectAsync(restarted.Endpoint);
        var partitions = await again.ListPartitionsAsync(topic);
        Assert.Equal([0L, 0L, 1L], partitions.Select(p => p.EndOffset));
    }

    [Fact]
    public async Task An_add_cut_before_topic_json_took_the_new_count_is_undone_at_the_next_start()
    {
        string topic = Records.NewTopicName("torn");
        string data;
        await using (var first = await BrokerProcess.StartAsync())
        {
            data = first.DataDirectory;
            await using var client = await FluvioClient.ConnectAsync(first.Endpoint);
            await client.CreateTopicAsync(new TopicSpec(topic));
            first.Kill();
        }
        // What a crash in the middle of an add leaves: a partition folder (with a segment in it) past the count topic.json declares.
        string leftover = Path.Combine(data, "topics", topic, "1");
        Directory.CreateDirectory(leftover);
        await File.WriteAllBytesAsync(Path.Combine(leftover, "00000000000000000000.log"), new byte[100]);

        await using var restarted = await BrokerProcess.StartAsync(data);
        await using var again = await FluvioClient.ConnectAsync(restarted.Endpoint);
        Assert.Equal(1, (await again.DescribeTopicAsync(topic)).Partitions);
        Assert.False(Directory.Exists(leftover), "the uncommitted partition folder is still there");

        Assert.Equal(2, (await again.AddPartitionsAsync(topic, 1)).Partitions);
        Assert.Equal(0, (await again.ListPartitionsAsync(topic))[1].EndOffset);
    }
}

/// <summary>What a producer already open does when its own client adds partitions to its topic.</summary>
public sealed class AddPartitionProducerTests(BrokerFixture broker) : IClassFixture<BrokerFixture>
{
    [Fact]
    public async Task A_producer_open_before_the_add_hashes_over_the_new_count_from_its_next_send()
    {
        await using var native = await FluvioClient.ConnectAsync(new Uri($"fluvio://{broker.Process.ScAddress}"));
        foreach (var client in new[] { broker.Client, native })
        {
            string topic = Records.NewTopicName("live");
            await client.CreateTopicAsync(new TopicSpec(topic));
            await using var producer = await client.CreateProducerAsync(topic);
            var before = producer.Send(Records.Utf8("alice"), Records.Utf8("before"));
            await producer.FlushAsync();

            await client.AddPartitionsAsync(topic, 2);
            var after = producer.Send(Records.Utf8("alice"), Records.Utf8("after"));
            var keyless = producer.Send(null, Records.Utf8("round robin"), partition: null);
            await producer.FlushAsync();

            Assert.Equal(3, producer.PartitionCount);
            Assert.Equal(new RecordMetadata(0, 0), await before.AsTask());
            Assert.Equal(new RecordMetadata(2, 0), await after.AsTask());
            Assert.Equal(0, (await keyless.AsTask()).Partition); // the round robin goes on from where it was
        }
    }
}
