using BenchmarkDotNet.Attributes;
using Fluvio.Protocol.Compression;
using Fluvio.Protocol.Records;

namespace Fluvio.Bench.Micro;

/// <summary>
/// A consumer reading every record of one compressed batch of ~64 KiB of 100 B records
/// (<see cref="RecordBatch.ReadRecords(System.ReadOnlyMemory{byte})"/>, decompression included):
/// what the read path allocates per compressed batch.
/// </summary>
[MemoryDiagnoser]
public class CompressedReadBenchmarks
{
    private byte[] _batch = [];

    [Params(CompressionCodec.Gzip, CompressionCodec.Lz4, CompressionCodec.Snappy, CompressionCodec.Zstd)]
    public CompressionCodec Codec { get; set; }

    [GlobalSetup]
    public void Setup() => _batch = Samples.CompressedBatchOfSize(64 * 1024, Codec);

    [Benchmark]
    public long ReadCompressedBatch()
    {
        long sum = 0;
        foreach (var record in RecordBatch.ReadRecords(_batch))
        {
            sum += record.Offset + record.Value.Length;
        }
        return sum;
    }
}
