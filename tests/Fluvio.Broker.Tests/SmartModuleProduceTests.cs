using System.Buffers.Binary;
using Fluvio.Client;
using Fluvio.Protocol.Compression;
using Fluvio.Protocol.Grpc;
using Fluvio.Protocol.Native;
using Fluvio.Protocol.Records;
using Fluvio.Testing.SmartModules;
using Google.Protobuf;
using Grpc.Net.Client;
using GrpcProduceRequest = Fluvio.Protocol.Grpc.ProduceRequest;
using NativeProduceRequest = Fluvio.Protocol.Native.ProduceRequest;
using NativeProduceResponse = Fluvio.Protocol.Native.ProduceResponse;
using SmartModuleSpec = Fluvio.Client.SmartModuleSpec;
using TopicSpec = Fluvio.Client.TopicSpec;

namespace Fluvio.Broker.Tests;

/// <summary>
/// SmartModules on produce, through both doors: the broker runs them over each sent batch, as
/// Fluvio's SPU does, and stores only what comes out; a module that fails refuses its batch.
/// </summary>
public sealed class SmartModuleProduceTests(BrokerFixture broker) : IClassFixture<BrokerFixture>
{
    public static TheoryData<string> Doors => SmartModuleDoors.Doors;

    [Theory]
    [MemberData(nameof(Doors))]
    public async Task OnlyWhatTheModulesLetThroughIsStored(string door)
    {
        string topic = await TopicAsync();
        await SendAsync(door, topic, [Module(TestSmartModules.FilterMap), Module(TestSmartModules.Map)], "#one", "two", "#three");
        await SendAsync(door, topic, [Module(TestSmartModules.FilterMap)], "plain");

        var stored = await Records.ReadAllAsync(broker.Client, topic);
        Assert.Equal(["ONE", "THREE"], stored.Select(r => Records.Text(r.Value)));
    }

    [Theory]
    [MemberData(nameof(Doors))]
    public async Task AFilterThatKeepsFewRecordsOfABatchStoresThemAtTheirOffsets(string door)
    {
        // The output batch keeps the offsets of all five sent records, as the SPU's does, though
        // its bytes hold one: it was refused as claiming more records than it can hold.
        string topic = await TopicAsync();
        await SendAsync(door, topic, [Module(TestSmartModules.Filter)], "one", "two", "three", "four", "banana");
        await SendAsync(door, topic, [], "next");

        var stored = await Records.ReadAllAsync(broker.Client, topic);
        Assert.Equal([("banana", 4L), ("next", 5L)], stored.Select(r => (Records.Text(r.Value), r.Offset)));
    }

    [Theory]
    [MemberData(nameof(Doors))]
    public async Task ABatchThatClaimsMoreRecordsThanItHoldsIsRefusedBeforeAnyModuleReadsIt(string door)
    {
        string topic = await TopicAsync();
        var batch = new RecordBatchBuilder(CompressionCodec.None, 0);
        batch.Append(Records.Utf8("k"), Records.Utf8("kiwi"), 0);
        var bytes = batch.Build().ToArray();
        // One record that claims 1,000,000 offsets, its CRC made anew so that only the claim is wrong.
        // The filter drops "kiwi": unchecked, the entry was answered as filtered out, never refused.
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(BatchLayout.LastOffsetDelta), 999_999);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(BatchLayout.Crc), BatchCrc.Compute(bytes));

        var (code, message) = await RawSendAsync(door, topic, TestSmartModules.Wasm(TestSmartModules.Filter), bytes);
        // Fluvio has no error code for a malformed batch: the native door answers Other with the reason, as for any bad batch.
        Assert.Equal(door == "native" ? "Other" : nameof(Fluvio.Protocol.Grpc.ErrorReason.InvalidBatch), code);
        Assert.Contains("claims 1000000 records", message);
        Assert.Equal(0, (await broker.Client.FetchOffsetsAsync(topic, 0)).EndOffset);
    }

    [Theory]
    [MemberData(nameof(Doors))]
    public async Task AFailingModuleRefusesTheBatchAndStoresNothing(string door)
    {
        string topic = await TopicAsync();
        var failed = await Assert.ThrowsAsync<FluvioException>(() => SendAsync(door, topic, [Module(TestSmartModules.EndlessLoop)], "a"));
        Assert.Equal(FluvioErrorCode.SmartModuleFailed, failed.Code);
        Assert.Contains("used up its fuel", failed.Message);
        Assert.Empty(await Records.ReadAllAsync(broker.Client, topic));

        // The topic still takes batches without SmartModules.
        await SendAsync(door, topic, [], "fine");
        Assert.Equal(["fine"], (await Records.ReadAllAsync(broker.Client, topic)).Select(r => Records.Text(r.Value)));
    }

    /// <summary>One entry of hand-made batches with one ad-hoc module, as each door's request carries it; the entry's error name and message.</summary>
    private async Task<(string Code, string Message)> RawSendAsync(string door, string topic, byte[] wasm, byte[] batches)
    {
        if (door == "native")
        {
            await using var spu = await NativeTestClient.ConnectAsync(broker.Process.SpuAddress);
            var module = SmartModuleInvocation.Create(null, Gzip(wasm), null, null, null, 23);
            var request = new NativeProduceRequest(null, 1, 1500, [new TopicProduceData(topic, [new PartitionProduceData(0, batches)])], [module]);
            var response = await spu.RequestAsync<NativeProduceRequest, NativeProduceResponse>((ushort)SpuApiKey.Produce, 23, 7, request);
            var error = Assert.Single(Assert.Single(response.Responses).Partitions).Error;
            return (error.Name, error.Message ?? "");
        }
        using var channel = GrpcChannel.ForAddress(broker.Process.Endpoint);
        using var call = new Producer.ProducerClient(channel).Produce();
        var grpcRequest = new GrpcProduceRequest { Id = 1, Topic = topic };
        grpcRequest.Smartmodules.Add(new Fluvio.Protocol.Grpc.SmartModule { Wasm = ByteString.CopyFrom(wasm) });
        grpcRequest.Partitions.Add(new PartitionBatches { Partition = 0, Batches = ByteString.CopyFrom(batches) });
        await call.RequestStream.WriteAsync(grpcRequest);
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var result = Assert.Single(call.ResponseStream.Current.Partitions);
        return (result.Error?.Reason.ToString() ?? "None", result.Error?.Message ?? "");
    }

    private static byte[] Gzip(byte[] wasm)
    {
        var output = new System.Buffers.ArrayBufferWriter<byte>();
        BatchCompression.Compress(CompressionCodec.Gzip, wasm, output);
        return output.WrittenSpan.ToArray();
    }

    private static SmartModuleSpec Module(string text) => SmartModuleDoors.Module(text);

    private async Task<string> TopicAsync()
    {
        string topic = Records.NewTopicName("smp");
        await broker.Client.CreateTopicAsync(new TopicSpec(topic));
        return topic;
    }

    private Task SendAsync(string door, string topic, SmartModuleSpec[] modules, params string[] values) =>
        SmartModuleDoors.SendAsync(broker, door, topic, modules, values);
}
