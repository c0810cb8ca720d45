using System.Buffers;
using System.Buffers.Binary;

namespace Fluvio.Protocol.Compression;

/// <summary>
/// Codec 4: one zstd frame. Fluvio writes it with the zstd crate's streaming <c>Encoder</c> at level
/// 1 (so its frames carry no content size) and reads any zstd frames with <c>Decoder</c>.
/// </summary>
internal static class ZstdFrame
{
    private const int Level = 1;

    public static void Compress(ReadOnlySpan<byte> source, IBufferWriter<byte> destination)
    {
        // One-shot compression records the content size in the frame header; zstd decoders,
        // Fluvio's included, accept frames with or without it.
        using var compressor = new ZstdSharp.Compressor(Level);
        var span = destination.GetSpan(ZstdSharp.Compressor.GetCompressBound(source.Length));
        destination.Advance(compressor.Wrap(source, span));
    }

    public static ReadOnlyMemory<byte> Decompress(ReadOnlyMemory<byte> source) =>
        // Streaming, like Fluvio's Decoder: memory follows the data actually decoded. The frame's
        // own claim only sizes the first buffer (BatchCompression trusts it up to a bound).
        BatchCompression.DecompressThrough(source, MostOutput(source.Span), input => new ZstdSharp.DecompressionStream(input));

    /// <summary>
    /// The most a single zstd frame can decode to, read from its header and block headers (RFC
    /// 8878 §3.1.1): its content size when stated (our one-shot frames state it; Fluvio's
    /// streaming ones do not), else each raw or RLE block's size plus each compressed block's
    /// maximum; 0 (no hint) for anything else, which the decoder then reads or refuses.
    /// </summary>
    internal static int MostOutput(ReadOnlySpan<byte> frame)
    {
        const uint Magic = 0xFD2FB528;
        if (frame.Length < 6 || BinaryPrimitives.ReadUInt32LittleEndian(frame) != Magic)
        {
            return 0;
        }
        byte descriptor = frame[4];
        int contentSizeFlag = descriptor >> 6;
        bool singleSegment = (descriptor & 0x20) != 0;
        int position = 5;
        long window = 0;
        if (!singleSegment)
        {
            int exponent = frame[position] >> 3, mantissa = frame[position] & 7;
            long windowBase = 1L << (10 + exponent);
            window = windowBase + windowBase / 8 * mantissa;
            position++;
        }
        position += (descriptor & 3) switch { 0 => 0, 1 => 1, 2 => 2, _ => 4 };
        int contentSizeBytes = contentSizeFlag switch { 0 => singleSegment ? 1 : 0, 1 => 2, 2 => 4, _ => 8 };
        if (contentSizeBytes > 0)
        {
            if (position + contentSizeBytes > frame.Length)
            {
                return 0;
            }
            var field = frame.Slice(position, contentSizeBytes);
            ulong size = contentSizeBytes switch
            {
                1 => field[0],
                2 => BinaryPrimitives.ReadUInt16LittleEndian(field) + 256u,
                4 => BinaryPrimitives.ReadUInt32LittleEndian(field),
                _ => BinaryPrimitives.ReadUInt64LittleEndian(field),
            };
            return (int)Math.Min(size, int.MaxValue);
        }
        long blockMax = Math.Min(window, 128 * 1024);
        long most = 0;
        while (position + 3 <= frame.Length && most <= BatchCompression.MaxTrustedSizeHint)
        {
            int header = frame[position] | frame[position + 1] << 8 | frame[position + 2] << 16;
            int type = (header >> 1) & 3, size = header >> 3;
            position += 3;
            switch (type)
            {
                case 0:
                    most += size;
                    position += size;
                    break;
                case 1:
                    most += size;
                    position += 1;
                    break;
                case 2:
                    most += blockMax;
                    position += size;
                    break;
                default:
                    return 0;
            }
            if ((header & 1) != 0)
            {
                return (int)Math.Min(most, int.MaxValue);
            }
        }
        return 0;
    }
}
