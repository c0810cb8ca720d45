using System.Buffers;
using Fluvio.Protocol.Compression;

namespace Fluvio.Protocol.Tests;

/// <summary>The codecs as theory data, and a one-call Compress for tests.</summary>
public static class TestCodecs
{
    internal static readonly CompressionCodec[] Compressing =
        [CompressionCodec.Gzip, CompressionCodec.Snappy, CompressionCodec.Lz4, CompressionCodec.Zstd];

    public static TheoryData<CompressionCodec> All() => new([CompressionCodec.None, .. Compressing]);

    public static TheoryData<CompressionCodec> CompressingOnly() => new(Compressing);

    internal static byte[] Compress(CompressionCodec codec, ReadOnlySpan<byte> input)
    {
        var output = new ArrayBufferWriter<byte>();
        BatchCompression.Compress(codec, input, output);
        return output.WrittenSpan.ToArray();
    }
}
