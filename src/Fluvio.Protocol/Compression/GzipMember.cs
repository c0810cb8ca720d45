using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace Fluvio.Protocol.Compression;

/// <summary>
/// Codec 1: one RFC 1952 gzip member. Fluvio writes it with flate2's GzEncoder at the default
/// level (6, which is what <see cref="CompressionLevel.Optimal"/> selects) and reads it with
/// flate2's GzDecoder, which fails unless the member ends with its CRC-32 and length trailer.
/// </summary>
internal static class GzipMember
{
    // GZipStream writes no bytes at all for empty input, which GzDecoder rejects. This is the member
    // GzEncoder writes instead: header (OS 255 = unknown), an empty final fixed-Huffman block, and a
    // trailer of CRC-32 0 and length 0.
    private static readonly byte[] Empty =
        [0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff, 0x03, 0x00, 0, 0, 0, 0, 0, 0, 0, 0];

    private const int TrailerSize = 8;

    public static void Compress(ReadOnlySpan<byte> source, IBufferWriter<byte> destination)
    {
        if (source.IsEmpty)
        {
            destination.Write(Empty);
            return;
        }
        BatchCompression.CompressThrough(source, destination,
            sink => new GZipStream(sink, CompressionLevel.Optimal, leaveOpen: true));
    }

    public static ReadOnlyMemory<byte> Decompress(ReadOnlyMemory<byte> source)
    {
        // The trailer's length (mod 2^32) sizes the output: right for every honest member.
        int claimed = source.Length >= TrailerSize ? (int)Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(source.Span[^4..]), int.MaxValue) : 0;
        var output = BatchCompression.DecompressThrough(source, claimed,
            input => new GZipStream(input, CompressionMode.Decompress));
        // GZipStream quietly returns what it inflated when the input stops early; check the
        // trailer ourselves so a truncated member fails here as it fails in Fluvio.
        var tail = source.Span;
        if (tail.Length < TrailerSize
            || BinaryPrimitives.ReadUInt32LittleEndian(tail[^TrailerSize..]) != Crc32.HashToUInt32(output.Span)
            || BinaryPrimitives.ReadUInt32LittleEndian(tail[^4..]) != (uint)output.Length)
        {
            throw new InvalidDataException("The gzip payload of the batch is truncated: it does not end with the trailer of its data.");
        }
        return output;
    }
}
