using System.Buffers.Binary;
using Fluvio.Client;
using Fluvio.Protocol.Records;
using Fluvio.Protocol.Compression;
using Fluvio.Protocol.Grpc;
using Fluvio.Protocol.Native;
using Google.Protobuf;
using Grpc.Net.Client;
using GrpcProduceRequest = Fluvio.Protocol.Grpc.ProduceRequest;
using NativeProduceRequest = Fluvio.Protocol.Native.ProduceRequest;
using NativeProduceResponse = Fluvio.Protocol.Native.ProduceResponse;
using TopicSpec = Fluvio.Client.TopicSpec;

namespace Fluvio.Broker.Tests;

/// <summary>
/// The gRPC door and the native door sit on one broker core: a request that breaks a topic's
/// policy is refused by both, with the same error kind, and stores nothing through either.
/// </summary>
public sealed class DoorAgreementTests(BrokerFixture broker) : IClassFixture<BrokerFixture>
{
    [Fact]
    public async Task A_batch_of_the_wrong_codec_is_refused_by_both_doors_with_the_same_error()
    {
        string topic = Records.NewTopicName("codec");
        await broker.Client.CreateTopicAsync(new TopicSpec(topic) { Compression = TopicCompression.Lz4 });
        var gzip = NativeBatches.Build(CompressionCodec.Gzip, 0, 2).Bytes;

        var grpc = await ProduceOverGrpcAsync(topic, gzip);
        var native = await ProduceOverNativeAsync(topic, gzip);

        Assert.Equal(FluvioErrorCode.CompressionMismatch, grpc.Reason.ToErrorCode());
        Assert.Equal(ErrorCodes.CompressionError, native.Code);
        Assert.Equal(grpc.Reason.ToErrorCode(), NativeErrorKinds.KindOf(native));
        Assert.Empty(await Records.ReadAllAsync(broker.Client, topic));

        // The right codec goes through both doors.
        var lz4 = NativeBatches.Build(CompressionCodec.Lz4, 0, 1).Bytes;
        Assert.Equal(ErrorReason.Unspecified, (await ProduceOverGrpcAsync(topic, lz4)).Reason);
        Assert.False((await ProduceOverNativeAsync(topic, lz4)).IsError);
        Assert.Equal(2, (await Records.ReadAllAsync(broker.Client, topic)).Count);
    }

    [Fact]
    public async Task The_partition_limit_is_the_same_through_both_doors()
    {
        await using var native = await FluvioClient.ConnectAsync(new Uri($"fluvio://{broker.Process.ScAddress}"));
        foreach (var client in new[] { broker.Client, native })
        {
            string topic = Records.NewTopicName("wide");
            var e = await Assert.ThrowsAsync<FluvioException>(() => client.CreateTopicAsync(new TopicSpec(topic) { Partitions = 1_001 }));
            Assert.Equal(FluvioErrorCode.InvalidArgument, e.Code);
            Assert.Contains("partitions must be 1 to 1000, 1001 given", e.Message);
            Assert.DoesNotContain(await broker.Client.ListTopicsAsync(), t => t.Name == topic);
        }
    }

    [Fact]
    public async Task A_partition_number_past_int_range_is_InvalidArgument_naming_the_field()
    {
        string topic = Records.NewTopicName("far");
        await broker.Client.CreateTopicAsync(new TopicSpec(topic));
        var batch = NativeBatches.Build(CompressionCodec.None, 0, 1).Bytes;

        var grpc = await ProduceOverGrpcAsync(topic, batch, partition: 2_147_483_648);

        Assert.Equal(FluvioErrorCode.InvalidArgument, grpc.Reason.ToErrorCode());
        Assert.Contains("partition must be 0 to 2147483647, 2147483648 given", grpc.Message);
        // The broker stays up and the topic takes a normal record.
        Assert.Equal(ErrorReason.Unspecified, (await ProduceOverGrpcAsync(topic, batch)).Reason);
        Assert.Single(await Records.ReadAllAsync(broker.Client, topic));
    }

    [Fact]
    public async Task A_continuous_gRPC_reader_of_a_deleted_topic_ends_with_TopicNotFound_as_the_native_stream_does()
    {
        string topic = Records.NewTopicName("gone");
        await broker.Client.CreateTopicAsync(new TopicSpec(topic));
        using var channel = GrpcChannel.ForAddress(broker.Process.Endpoint);
        using var call = new Consumer.ConsumerClient(channel).Consume(new ConsumeRequest { Topic = topic, Continuous = true });
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None).Within(TimeSpan.FromSeconds(10), "the stream's header"));

        await broker.Client.DeleteTopicAsync(topic);

        // Before: the wait returned at once on the closed partition and the stream spun forever.
        var ended = await Assert.ThrowsAsync<Grpc.Core.RpcException>(
            () => call.ResponseStream.MoveNext(CancellationToken.None).Within(TimeSpan.FromSeconds(10), "the stream's end"));
        Assert.Equal(Grpc.Core.StatusCode.NotFound, ended.StatusCode);
        Assert.Contains("was deleted", ended.Status.Detail);
        // The broker goes on serving.
        string other = Records.NewTopicName("after");
        await broker.Client.CreateTopicAsync(new TopicSpec(other));
        Assert.Equal(ErrorReason.Unspecified, (await ProduceOverGrpcAsync(other, NativeBatches.Build(CompressionCodec.None, 0, 1).Bytes)).Reason);
    }

    [Fact]
    public async Task A_batch_of_no_records_stores_nothing_and_takes_no_offset_through_either_door()
    {
        string topic = Records.NewTopicName("void");
        await broker.Client.CreateTopicAsync(new TopicSpec(topic));
        // last_offset_delta -1 says "no records", with a CRC that matches it.
        var empty = NativeBatches.Build(CompressionCodec.None, 0, 1).Bytes;
        BinaryPrimitives.WriteInt32BigEndian(empty.AsSpan(BatchLayout.LastOffsetDelta), -1);
        BinaryPrimitives.WriteUInt32BigEndian(empty.AsSpan(BatchLayout.Crc), BatchCrc.Compute(empty));

        var grpc = await ProduceOverGrpcAsync(topic, empty);
        var native = await ProduceOverNativeAsync(topic, empty);

        // Before: accepted, and each such batch got the base offset of the next (three shared offset 2).
        Assert.Equal(FluvioErrorCode.InvalidBatch, grpc.Reason.ToErrorCode());
        Assert.Contains("holds no records", grpc.Message);
        // The native door answers such an entry OK and stores nothing, as the real SPU does (wire protocol §6.5).
        Assert.False(native.IsError);
        Assert.Equal(ErrorReason.Unspecified, (await ProduceOverGrpcAsync(topic, NativeBatches.Build(CompressionCodec.None, 0, 1).Bytes)).Reason);
        var stored = Assert.Single(await Records.ReadAllAsync(broker.Client, topic));
        Assert.Equal(0, stored.Offset);
    }

    private async Task<Error> ProduceOverGrpcAsync(string topic, byte[] batches, uint partition = 0)
    {
        using var channel = GrpcChannel.ForAddress(broker.Process.Endpoint);
        using var call = new Producer.ProducerClient(channel).Produce();
        var request = new GrpcProduceRequest { Id = 1, Topic = topic };
        request.Partitions.Add(new PartitionBatches { Partition = partition, Batches = ByteString.CopyFrom(batches) });
        await call.RequestStream.WriteAsync(request);
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        return Assert.Single(call.ResponseStream.Current.Partitions).Error ?? new Error();
    }

    private async Task<ErrorCode> ProduceOverNativeAsync(string topic, byte[] batches)
    {
        await using var spu = await NativeTestClient.ConnectAsync(broker.Process.SpuAddress);
        var request = new NativeProduceRequest(null, 1, 1500, [new TopicProduceData(topic, [new PartitionProduceData(0, batches)])], []);
        var response = await spu.RequestAsync<NativeProduceRequest, NativeProduceResponse>((ushort)SpuApiKey.Produce, 23, 7, request);
        return Assert.Single(Assert.Single(response.Responses).Partitions).Error;
    }
}
