using BenchmarkDotNet.Attributes;
using Fluvio.Protocol.Native;

namespace Fluvio.Bench.Micro;

/// <summary>
/// The broker's native read path: one StreamFetch frame carrying 1 MiB of stored batches (what a
/// consumer asking Fluvio's default max_bytes gets), written into a buffer sized from its batches
/// (as the broker does) against one that starts small and doubles.
/// </summary>
[MemoryDiagnoser]
public class StreamFrameBenchmarks
{
    private readonly byte[] _batches = Samples.BatchOfSize(1024 * 1024);

    [Benchmark(Baseline = true)]
    public int Doubling() => NativeFrame.Response(1, FluvioApiVersions.SpuCurrentVersion, Response()).Length;

    [Benchmark]
    public int SizedFromBatches() => NativeFrame.Response(1, FluvioApiVersions.SpuCurrentVersion, Response(), sizeHint: 128 + _batches.Length).Length;

    private StreamFetchResponse Response() =>
        new("events", 1, new FetchablePartitionResponse(0, ErrorCode.None, 10_000, 0, 0, null, _batches));
}
