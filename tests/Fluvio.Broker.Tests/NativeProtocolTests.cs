using Fluvio.Client;
using Fluvio.Protocol.Compression;
using Fluvio.Protocol.Native;
using Fluvio.Protocol.Records;
using TopicSpec = Fluvio.Client.TopicSpec;
using NativeTopicSpec = Fluvio.Protocol.Native.TopicSpec;

namespace Fluvio.Broker.Tests;

/// <summary>
/// The native SC/SPU ports of a real broker process, spoken to with our codecs: the same storage
/// as the gRPC door, and answers the official client accepts.
/// </summary>
public sealed class NativeProtocolTests(BrokerFixture broker) : IClassFixture<BrokerFixture>
{
    private const ushort Produce = (ushort)SpuApiKey.Produce;
    private const ushort FetchOffsets = (ushort)SpuApiKey.FetchOffsets;

    private FluvioClient Client => broker.Client;

    [Fact]
    public async Task TheApiVersionsAnswersAreTheOnesTheOfficialClientAccepted()
    {
        // The official client's own request (wire protocol Appendix B, frame 1) and the answers it accepted.
        var request = Convert.FromHexString("0000002700120002000000010006666c7576696f0006302e31342e3900056c696e757800067838365f3634");
        await using var sc = await NativeTestClient.ConnectAsync(broker.Process.ScAddress);
        await sc.SendRawAsync(request);
        Assert.Equal(
            "000000370000000100000000000603e90009001003ea0001001003eb000f001003ec000f001003ed000e001003ee000100100007302e31312e3131",
            await RawFrameAsync(sc));
        await using var spu = await NativeTestClient.ConnectAsync(broker.Process.SpuAddress);
        await spu.SendRawAsync(request);
        Assert.Equal(
            "0000002f0000000100000000000500000000001700010000001703ea0017001703eb0000001703ed000000000005302e302e30",
            await RawFrameAsync(spu));
    }

    [Fact]
    public async Task AProduceOverTheNativePortIsReadBackOverGrpcWithTheSameBytesAndOffsets()
    {
        string topic = Records.NewTopicName("native");
        await Client.CreateTopicAsync(new TopicSpec(topic));
        var first = NativeBatches.Build(CompressionCodec.None, 0, 3);
        var second = NativeBatches.Build(CompressionCodec.Gzip, 3, 2);
        var request = new ProduceRequest(null, 1, 1500,
            [new TopicProduceData(topic, [new PartitionProduceData(0, first.Bytes), new PartitionProduceData(0, second.Bytes)])], []);

        await using var spu = await NativeTestClient.ConnectAsync(broker.Process.SpuAddress);
        var response = await spu.RequestAsync<ProduceRequest, ProduceResponse>(Produce, 23, 7, request);

        var entries = Assert.Single(response.Responses).Partitions;
        Assert.Equal([0L, 3L], entries.Select(e => e.BaseOffset));
        Assert.All(entries, e => Assert.False(e.Error.IsError));
        var read = await Records.ReadAllAsync(Client, topic);
        Assert.Equal([0L, 1L, 2L, 3L, 4L], read.Select(r => r.Offset));
        var sent = first.Records.Concat(second.Records).ToList();
        for (int i = 0; i < sent.Count; i++)
        {
            Assert.Equal(sent[i].Key, read[i].Key.ToArray());
            Assert.Equal(sent[i].Value, read[i].Value.ToArray());
        }
    }

    [Fact]
    public async Task PipelinedRequestsAreAllAnsweredByCorrelationId()
    {
        string topic = Records.NewTopicName("pipe");
        await Client.CreateTopicAsync(new TopicSpec(topic));
        await using var spu = await NativeTestClient.ConnectAsync(broker.Process.SpuAddress);
        for (int id = 1; id <= 20; id++)
        {
            await spu.SendAsync(Produce, 23, id, new ProduceRequest(null, 1, 1500,
                [new TopicProduceData(topic, [new PartitionProduceData(0, NativeBatches.Build(CompressionCodec.None, id, 1).Bytes)])], []));
        }
        var offsets = new Dictionary<int, long>();
        for (int i = 0; i < 20; i++)
        {
            var (id, body) = await spu.ReadAsync();
            offsets[id] = ProduceResponse.Decode(body, 23).Responses[0].Partitions[0].BaseOffset;
        }
        // Appended in the order sent: request n got offset n - 1.
        Assert.Equal(Enumerable.Range(1, 20).Select(id => (long)id - 1), Enumerable.Range(1, 20).Select(id => offsets[id]));
    }

    [Fact]
    public async Task AStreamFetchPushesNewBatchesAfterEachOffsetUpdate()
    {
        string topic = Records.NewTopicName("stream");
        await Client.CreateTopicAsync(new TopicSpec(topic));
        await using var spu = await NativeTestClient.ConnectAsync(broker.Process.SpuAddress);
        var fetch = new StreamFetchRequest(topic, 0, 0, 1_048_890, Isolation.ReadUncommitted, ReadOnlyMemory<byte>.Empty, [], null);
        await spu.SendAsync((ushort)SpuApiKey.StreamFetch, 23, 3, fetch);

        await ProduceOverGrpcAsync(topic, "one");
        var (id, body) = await spu.ReadAsync();
        Assert.Equal(3, id);
        var frame = StreamFetchResponse.Decode(body, 23);
        Assert.Equal(1L, frame.Partition.HighWatermark);
        Assert.Equal(["one"], RecordsOf(frame).Select(r => Records.Text(r.Value)));

        var update = new UpdateOffsetsRequest([new OffsetUpdate(1, frame.StreamId)]);
        var status = await spu.RequestAsync<UpdateOffsetsRequest, UpdateOffsetsResponse>((ushort)SpuApiKey.UpdateOffsets, 0, 4, update);
        Assert.False(Assert.Single(status.Statuses).Error.IsError);

        await ProduceOverGrpcAsync(topic, "two");
        (id, body) = await spu.ReadAsync();
        Assert.Equal(3, id);
        Assert.Equal(["two"], RecordsOf(StreamFetchResponse.Decode(body, 23)).Select(r => Records.Text(r.Value)));

        var unknown = await spu.RequestAsync<UpdateOffsetsRequest, UpdateOffsetsResponse>((ushort)SpuApiKey.UpdateOffsets, 0, 5,
            new UpdateOffsetsRequest([new OffsetUpdate(1, 999)]));
        Assert.Equal(ErrorCodes.FetchSessionNotFound, Assert.Single(unknown.Statuses).Error.Code);
    }

    [Fact]
    public async Task DeletingTheTopicEndsItsStreamsWithTopicDeleted()
    {
        string topic = Records.NewTopicName("gone");
        await Client.CreateTopicAsync(new TopicSpec(topic));
        await using var spu = await NativeTestClient.ConnectAsync(broker.Process.SpuAddress);
        var fetch = new StreamFetchRequest(topic, 0, 0, 1_048_890, Isolation.ReadUncommitted, ReadOnlyMemory<byte>.Empty, [], null);
        await spu.SendAsync((ushort)SpuApiKey.StreamFetch, 23, 9, fetch);
        // The first stream of a connection is session 1: once the broker knows it, it is waiting on the partition.
        await Bounded.UntilAsync(async () => !Assert.Single((await spu.RequestAsync<UpdateOffsetsRequest, UpdateOffsetsResponse>(
            (ushort)SpuApiKey.UpdateOffsets, 0, 5, new UpdateOffsetsRequest([new OffsetUpdate(0, 1)]))).Statuses).Error.IsError,
            TimeSpan.FromSeconds(10), "the broker to hold the stream");

        await Client.DeleteTopicAsync(topic);

        var (id, body) = await spu.ReadAsync();
        Assert.Equal(9, id);
        Assert.Equal(ErrorCodes.TopicDeleted, StreamFetchResponse.Decode(body, 23).Partition.Error.Code);
    }

    [Fact]
    public async Task ConsumerOffsetsCommittedOnAStreamAreSharedWithTheGrpcDoor()
    {
        string topic = Records.NewTopicName("offsets");
        await Client.CreateTopicAsync(new TopicSpec(topic));
        await ProduceOverGrpcAsync(topic, "a");
        await ProduceOverGrpcAsync(topic, "b");
        await using var spu = await NativeTestClient.ConnectAsync(broker.Process.SpuAddress);
        var named = new StreamFetchRequest(topic, 0, 0, 1_048_890, Isolation.ReadUncommitted, ReadOnlyMemory<byte>.Empty, [], "reader-1");
        await spu.SendAsync((ushort)SpuApiKey.StreamFetch, 23, 1, named);
        uint stream = StreamFetchResponse.Decode((await spu.ReadAsync()).Body, 23).StreamId;

        var committed = await spu.RequestAsync<UpdateConsumerOffsetRequest, UpdateConsumerOffsetResponse>(
            (ushort)SpuApiKey.UpdateConsumerOffset, 23, 2, new UpdateConsumerOffsetRequest(0, stream));
        Assert.Equal((0L, false), (committed.Offset, committed.Error.IsError));
        Assert.Equal(0L, (await Client.GetOffsetAsync("reader-1", topic, 0))!.Offset);

        // The consumer resumes after its committed offset; the others start at the log start.
        var offsets = await spu.RequestAsync<FetchOffsetsRequest, FetchOffsetsResponse>(FetchOffsets, 23, 3,
            new FetchOffsetsRequest([new FetchOffsetTopic(topic, [0])], "reader-1"));
        Assert.Equal(1L, offsets.Topics[0].Partitions[0].StartOffset);
        var all = await spu.RequestAsync<FetchConsumerOffsetsRequest, FetchConsumerOffsetsResponse>(
            (ushort)SpuApiKey.FetchConsumerOffsets, 23, 4, new FetchConsumerOffsetsRequest());
        Assert.Contains(all.Consumers, c => c.ConsumerId == "reader-1" && c.Replica == new ReplicaKey(topic, 0) && c.Offset == 0);

        var deleted = await spu.RequestAsync<DeleteConsumerOffsetRequest, ErrorResponse>(
            (ushort)SpuApiKey.DeleteConsumerOffset, 23, 5, new DeleteConsumerOffsetRequest(new ReplicaKey(topic, 0), "reader-1"));
        Assert.False(deleted.Error.IsError);
        Assert.Null(await Client.GetOffsetAsync("reader-1", topic, 0));

        // A stream opened without a consumer id cannot commit, as with the real SPU.
        var anonymous = named with { ConsumerId = null };
        await spu.SendAsync((ushort)SpuApiKey.StreamFetch, 23, 6, anonymous);
        uint other = StreamFetchResponse.Decode((await spu.ReadAsync()).Body, 23).StreamId;
        var refused = await spu.RequestAsync<UpdateConsumerOffsetRequest, UpdateConsumerOffsetResponse>(
            (ushort)SpuApiKey.UpdateConsumerOffset, 23, 7, new UpdateConsumerOffsetRequest(0, other));
        Assert.Equal("stream without consumer id", refused.Error.Message);
    }

    [Fact]
    public async Task TheOneShotFetchReadsStoredBatchesAndNamesBadOffsetsAndPartitions()
    {
        string topic = Records.NewTopicName("fetch");
        await Client.CreateTopicAsync(new TopicSpec(topic));
        await ProduceOverGrpcAsync(topic, "x");
        await ProduceOverGrpcAsync(topic, "y");
        await using var spu = await NativeTestClient.ConnectAsync(broker.Process.SpuAddress);
        var request = new FetchRequest(0, 0, 1 << 20, Isolation.ReadUncommitted,
        [
            new FetchableTopic(topic, [new FetchPartition(0, -1, 0, 0, 1 << 20), new FetchPartition(0, -1, 99, 0, 1 << 20)]),
            new FetchableTopic("no-such-topic", [new FetchPartition(0, -1, 0, 0, 1 << 20)]),
        ], []);

        var response = await spu.RequestAsync<FetchRequest, FetchResponse>((ushort)SpuApiKey.Fetch, 23, 1, request);

        var read = response.Topics[0].Partitions[0];
        Assert.Equal(2L, read.HighWatermark);
        Assert.Equal(["x", "y"], RecordBatch.Split(read.Batches).SelectMany(b => RecordBatch.ReadRecords(b)).Select(r => Records.Text(r.Value)));
        Assert.Equal(ErrorCodes.OffsetOutOfRange, response.Topics[0].Partitions[1].Error.Code);
        Assert.Equal(ErrorCodes.NotLeaderForPartition, response.Topics[1].Partitions[0].Error.Code);
    }

    [Fact]
    public async Task AWatchGetsASnapshotThenTheChangesOfBothFrontDoors()
    {
        string topic = Records.NewTopicName("watch");
        await using var sc = await NativeTestClient.ConnectAsync(broker.Process.ScAddress);
        await sc.SendRawAsync(NativeFrame.Request(new RequestHeader((ushort)ScApiKey.Watch, 16, 1, "dummy"),
            w => ObjectEnvelope.Write(w, ObjectLabel.Topic, body => new WatchObjectsRequest(0, false).Encode(body, 16))));
        var snapshot = await WatchFrameAsync(sc);
        Assert.Empty(snapshot.Changes);
        Assert.DoesNotContain(snapshot.All, t => t.Name == topic);

        await Client.CreateTopicAsync(new TopicSpec(topic) { Partitions = 2 });
        var created = await WatchFrameAsync(sc);
        var (type, metadata) = Assert.Single(created.Changes, c => c.Object.Name == topic);
        Assert.Equal(MessageType.Update, type);
        Assert.Equal(2, metadata.Spec.Replicas.PartitionCount);

        await sc.SendRawAsync(NativeFrame.Request(new RequestHeader((ushort)ScApiKey.Delete, 16, 2, "fluvio"),
            w => ObjectEnvelope.Write(w, ObjectLabel.Topic, body => new DeleteObjectRequest(topic, false).Encode(body, 16))));
        // The DELETE change comes before the Status that answers the delete.
        var deleted = await WatchFrameAsync(sc);
        Assert.Equal((MessageType.Delete, topic), (deleted.Changes[0].Type, deleted.Changes[0].Object.Name));
        var (id, body) = await sc.ReadAsync();
        Assert.Equal(2, id);
        Assert.False(Status.Decode(body, 16).Error.IsError);
    }

    private static async Task<string> RawFrameAsync(NativeTestClient client)
    {
        var (id, body) = await client.ReadAsync();
        var rest = body.Rest();
        var frame = new byte[8 + rest.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(frame, 4 + rest.Length);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(4), id);
        rest.CopyTo(frame.AsMemory(8));
        return Convert.ToHexString(frame).ToLowerInvariant();
    }

    private static async Task<MetadataUpdate<NativeTopicSpec, TopicStatus>> WatchFrameAsync(NativeTestClient sc)
    {
        var (id, body) = await sc.ReadAsync();
        Assert.Equal(1, id);
        var envelope = ObjectEnvelope.Decode(body, 16);
        Assert.Equal(ObjectLabel.Topic, envelope.Label);
        return MetadataUpdate<NativeTopicSpec, TopicStatus>.Decode(envelope.Reader(), 16);
    }

    private async Task ProduceOverGrpcAsync(string topic, string value)
    {
        await using var producer = await Client.CreateProducerAsync(topic);
        producer.Send(Records.Utf8("k"), Records.Utf8(value));
        await producer.FlushAsync();
    }

    private static List<BatchRecord> RecordsOf(StreamFetchResponse frame) =>
        RecordBatch.Split(frame.Partition.Batches).SelectMany(b => RecordBatch.ReadRecords(b)).ToList();
}
