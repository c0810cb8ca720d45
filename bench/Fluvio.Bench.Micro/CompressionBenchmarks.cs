using System.Buffers;
using BenchmarkDotNet.Attributes;
using Fluvio.Protocol.Compression;

namespace Fluvio.Bench.Micro;

/// <summary>
/// Each codec on the records part of a 64 KiB batch, in Fluvio's framing: the producer
/// compresses once per batch, every consumer (and the broker, when it checks a compressed
/// batch) decompresses.
/// </summary>
[MemoryDiagnoser]
public class CompressionBenchmarks
{
    private readonly byte[] _records = Samples.RecordsPart(64 * 1024);
    // Reused, so Compress reports what the codec allocates, not the growth of a fresh output buffer.
    private readonly ArrayBufferWriter<byte> _output = new(64 * 1024);
    private byte[] _compressed = [];

    [Params(CompressionCodec.Gzip, CompressionCodec.Lz4, CompressionCodec.Snappy, CompressionCodec.Zstd)]
    public CompressionCodec Codec { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        Compress();
        _compressed = _output.WrittenSpan.ToArray();
    }

    [Benchmark]
    public int Compress()
    {
        _output.ResetWrittenCount();
        BatchCompression.Compress(Codec, _records, _output);
        return _output.WrittenCount;
    }

    [Benchmark]
    public int Decompress() => BatchCompression.Decompress(Codec, _compressed).Length;
}
