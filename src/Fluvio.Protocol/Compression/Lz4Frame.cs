using System.Buffers;
using System.Buffers.Binary;
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

    public static ReadOnlyMemory<byte> Decompress(ReadOnlyMemory<byte> source) =>
        BatchCompression.DecompressThrough(source, MostOutput(source.Span), input => LZ4Stream.Decode(input));

    /// <summary>
    /// The most a frame can decode to, from its header and block headers (no block is decoded):
    /// its content size when it states one, else each compressed block's maximum size plus each
    /// stored block's length; 0 (no hint) when the frame cannot be walked, which the decoder then
    /// reports. Fluvio's frames state no content size; a records part under 64 KiB is one block.
    /// </summary>
    internal static int MostOutput(ReadOnlySpan<byte> frame)
    {
        const int Magic = 0x184D2204;
        if (frame.Length < 7 || BinaryPrimitives.ReadInt32LittleEndian(frame) != Magic)
        {
            return 0;
        }
        byte flags = frame[4];
        int blockMax = ((frame[5] >> 4) & 7) switch { 4 => K64, 5 => K256, 6 => 1024 * 1024, 7 => M4, _ => 0 };
        bool hasContentSize = (flags & 0x08) != 0, hasBlockChecksum = (flags & 0x10) != 0, hasDictionary = (flags & 0x01) != 0;
        if (hasContentSize && frame.Length >= 14)
        {
            return (int)Math.Min(BinaryPrimitives.ReadUInt64LittleEndian(frame[6..]), int.MaxValue);
        }
        int position = 6 + (hasDictionary ? 4 : 0) + 1;
        long most = 0;
        while (blockMax > 0 && position + 4 <= frame.Length && most <= BatchCompression.MaxTrustedSizeHint)
        {
            uint header = BinaryPrimitives.ReadUInt32LittleEndian(frame[position..]);
            if (header == 0)
            {
                return (int)most;
            }
            int size = (int)(header & 0x7FFFFFFF);
            most += (header & 0x80000000) != 0 ? size : blockMax;
            position += 4 + size + (hasBlockChecksum ? 4 : 0);
        }
        return 0;
    }

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
