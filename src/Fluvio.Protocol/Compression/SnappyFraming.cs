using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using Fluvio.Protocol.Records;
using Snappier;

namespace Fluvio.Protocol.Compression;

/// <summary>
/// Codec 2: the Snappy framing format. Fluvio writes it with snap's <c>write::FrameEncoder</c> and
/// reads it with snap's <c>read::FrameDecoder</c>. Snappier's stream writes the same framing, but its
/// reader returns partial data for a truncated stream, so reading is done here, chunk by chunk, with
/// the checks snap makes.
/// </summary>
internal static class SnappyFraming
{
    private const byte StreamIdentifierType = 0xff;
    private const byte CompressedType = 0x00;
    private const byte UncompressedType = 0x01;
    private const byte LastUnskippableType = 0x7f;

    private const int ChunkHeaderSize = 4;
    private const int ChecksumSize = 4;

    /// <summary>Most bytes one chunk may decode to (the format's block size).</summary>
    private const int MaxChunkData = 65536;

    /// <summary>snap's limit on a chunk's length: the worst-case compressed size of a full block.</summary>
    private const int MaxChunkLength = 76490;

    private static ReadOnlySpan<byte> StreamIdentifierBody => "sNaPpY"u8;

    public static void Compress(ReadOnlySpan<byte> source, IBufferWriter<byte> destination) =>
        BatchCompression.CompressThrough(source, destination,
            sink => new SnappyStream(sink, CompressionMode.Compress, leaveOpen: true));

    public static ReadOnlyMemory<byte> Decompress(ReadOnlySpan<byte> source)
    {
        // Sized from the chunks' own lengths: one array, never grown, handed out without a copy.
        var output = new ArrayBufferWriter<byte>(Math.Max(256, OutputSize(source)));
        bool identified = false;
        while (!source.IsEmpty)
        {
            if (source.Length < ChunkHeaderSize)
            {
                throw Corrupt("it ends inside a chunk header");
            }
            byte type = source[0];
            int length = source[1] | source[2] << 8 | source[3] << 16;
            if (length > MaxChunkLength || length > source.Length - ChunkHeaderSize)
            {
                throw Corrupt($"a chunk of {length} bytes runs past the end or the size limit");
            }
            var body = source.Slice(ChunkHeaderSize, length);
            source = source[(ChunkHeaderSize + length)..];

            if (!identified && type != StreamIdentifierType)
            {
                throw Corrupt("it does not start with the stream identifier");
            }
            switch (type)
            {
                case StreamIdentifierType:
                    if (!body.SequenceEqual(StreamIdentifierBody))
                    {
                        throw Corrupt("its stream identifier is wrong");
                    }
                    identified = true;
                    break;
                case CompressedType or UncompressedType:
                    ReadDataChunk(type == CompressedType, body, output);
                    if (output.WrittenCount > BatchCompression.MaxDecompressedBytes)
                    {
                        throw Corrupt($"it inflates to more than {BatchCompression.MaxDecompressedBytes} bytes");
                    }
                    break;
                case <= LastUnskippableType:
                    throw Corrupt($"it holds a chunk of reserved type 0x{type:x2}");
                default:
                    break; // padding (0xfe) and reserved skippable chunks (0x80–0xfd)
            }
        }
        return output.WrittenMemory;
    }

    /// <summary>
    /// What the data chunks say they decode to (each compressed chunk's preamble, each stored
    /// chunk's length), read without decoding, at most <see cref="BatchCompression.MaxTrustedSizeHint"/>;
    /// a malformed walk just stops the sum (<see cref="Decompress"/> then says what is wrong).
    /// </summary>
    private static int OutputSize(ReadOnlySpan<byte> source)
    {
        long total = 0;
        while (source.Length >= ChunkHeaderSize && total < BatchCompression.MaxTrustedSizeHint)
        {
            byte type = source[0];
            int length = source[1] | source[2] << 8 | source[3] << 16;
            if (length > source.Length - ChunkHeaderSize)
            {
                break;
            }
            var body = source.Slice(ChunkHeaderSize, length);
            if (type is CompressedType or UncompressedType && body.Length >= ChecksumSize)
            {
                var data = body[ChecksumSize..];
                int size;
                try
                {
                    size = type == CompressedType ? Snappy.GetUncompressedLength(data) : data.Length;
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    break;
                }
                total += Math.Min(size, MaxChunkData);
            }
            source = source[(ChunkHeaderSize + length)..];
        }
        return (int)Math.Min(total, BatchCompression.MaxTrustedSizeHint);
    }

    private static void ReadDataChunk(bool compressed, ReadOnlySpan<byte> body, ArrayBufferWriter<byte> output)
    {
        if (body.Length < ChecksumSize)
        {
            throw Corrupt("a data chunk has no checksum");
        }
        uint expected = BinaryPrimitives.ReadUInt32LittleEndian(body);
        var data = body[ChecksumSize..];
        int size = compressed ? Snappy.GetUncompressedLength(data) : data.Length;
        if (size > MaxChunkData)
        {
            throw Corrupt($"a chunk decodes to {size} bytes, more than {MaxChunkData}");
        }
        var target = output.GetSpan(size)[..size];
        if (compressed && Snappy.Decompress(data, target) != size)
        {
            throw Corrupt("a chunk decodes to fewer bytes than its preamble says");
        }
        if (!compressed)
        {
            data.CopyTo(target);
        }
        if (MaskedCrc(target) != expected)
        {
            throw Corrupt("a chunk's checksum does not match its data");
        }
        output.Advance(size);
    }

    /// <summary>The framing format's checksum: CRC-32C of the uncompressed data, rotated and offset.</summary>
    private static uint MaskedCrc(ReadOnlySpan<byte> data)
    {
        uint crc = Crc32C.Compute(data);
        return ((crc >> 15) | (crc << 17)) + 0xa282ead8;
    }

    private static InvalidDataException Corrupt(string why) =>
        new($"The snappy payload of the batch is corrupt: {why}.");
}
