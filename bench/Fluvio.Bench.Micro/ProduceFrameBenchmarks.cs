using BenchmarkDotNet.Attributes;
using Fluvio.Protocol.Native;

namespace Fluvio.Bench.Micro;

/// <summary>
/// The broker's first step on a native produce request: the payload of one frame (as the frame
/// reader hands it over) decoded into its header and a <see cref="ProduceRequest"/> carrying one
/// partition entry with a 100 × 100 B batch. The batch bytes are sliced, not copied.
/// </summary>
[MemoryDiagnoser]
public class ProduceFrameBenchmarks
{
    private readonly byte[] _payload = Payload();

    [Benchmark]
    public int DecodeProduceRequest()
    {
        var reader = new WireReader(_payload);
        var header = RequestHeader.Decode(reader);
        var request = ProduceRequest.Decode(reader, header.ApiVersion);
        return request.Topics[0].Partitions[0].Batches.Length;
    }

    private static byte[] Payload()
    {
        // The layout the official client sends: version 23, acks 1, one topic, one entry.
        var header = new RequestHeader((ushort)SpuApiKey.Produce, FluvioApiVersions.SpuCurrentVersion, 1, "fluvio");
        var request = new ProduceRequest(null, 1, 1500,
            [new TopicProduceData("events", [new PartitionProduceData(0, Samples.Batch(100, 100))])], []);
        // Drop the i32 size: FrameReader returns the payload without it.
        return NativeFrame.Request(header, request)[sizeof(int)..];
    }
}
