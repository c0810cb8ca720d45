using System.Buffers;
using K4os.Compression.LZ4.Streams;

namespace Fluvio.Protocol.Compression;

/// <summary>
/// Codec 3: one LZ4 frame. Fluvio writes it with lz4_flex's <c>FrameEncoder::new</c> and reads it
/// with lz4_flex's <c>FrameDecoder</c>.
/// </summary>
internal static class Lz4Frame
{
    private const int K64 = 64 * 1024;
    private const int K256 = 256 * 1024;
    private const int M4 = 4 * 1024 * 1024;

    public static void Compress(ReadOnlySpan<byte> source, IBufferWriter<byte> destination)
    {
        var settings = SettingsLikeLz4Flex(source.Length);
        BatchCompression.CompressThrough(source, destination,
            sink => LZ4Stream.Encode(sink, settings, leaveOpen: true));
    }

    public static byte[] Decompress(ReadOnlySpan<byte> source) =>
        BatchCompression.DecompressThrough(source, input => LZ4Stream.Decode(input));

    /// <summary>
    /// The frame lz4_flex's default <c>FrameInfo</c> describes, so our frames have the same header
    /// as Fluvio's: independent blocks (K4os would chain them), no block or content checksum, no
    /// content size, and the block size lz4_flex picks from its first write — Fluvio writes the
    /// whole records part at once — 64 KiB up to 64 KiB, 256 KiB up to 256 KiB, else 4 MiB.
    /// </summary>
    internal static LZ4EncoderSettings SettingsLikeLz4Flex(int sourceLength) => new()
    {
        ChainBlocks = false,
        BlockSize = sourceLength <= K64 ? K64 : sourceLength <= K256 ? K256 : M4,
        BlockChecksum = false,
        ContentChecksum = false,
        ContentLength = null,
    };
}
