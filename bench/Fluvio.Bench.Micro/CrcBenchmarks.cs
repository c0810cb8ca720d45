using BenchmarkDotNet.Attributes;
using Fluvio.Protocol.Records;

namespace Fluvio.Bench.Micro;

/// <summary>
/// CRC-32C over a 16 KiB batch (the producer's default batch size): computed once by the
/// producer, checked on every append by the broker and on every batch by recovery.
/// </summary>
[MemoryDiagnoser]
public class CrcBenchmarks
{
    private readonly byte[] _batch = Samples.BatchOfSize(16 * 1024);

    [Benchmark]
    public uint Crc32C16KiB() => BatchCrc.Compute(_batch);
}
