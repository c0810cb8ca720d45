using System.Buffers;

namespace Fluvio.Protocol.Compression;

/// <summary>
/// Compresses and decompresses the records part of a batch in the framing Fluvio uses for each
/// codec (crate fluvio-compression at v0.11.11): a gzip member, the Snappy framing format, an LZ4
/// frame, a zstd frame at level 1. Fluvio's decoders read what we write; a payload they would
/// refuse as truncated or corrupt fails here too, as <see cref="InvalidDataException"/>.
/// </summary>
public static class BatchCompression
{
    /// <summary>Appends the compressed form of <paramref name="source"/> to <paramref name="destination"/>.</summary>
    public static void Compress(CompressionCodec codec, ReadOnlySpan<byte> source, IBufferWriter<byte> destination)
    {
        switch (codec)
        {
            case CompressionCodec.None:
                destination.Write(source);
                break;
            case CompressionCodec.Gzip:
                GzipMember.Compress(source, destination);
                break;
            case CompressionCodec.Snappy:
                SnappyFraming.Compress(source, destination);
                break;
            case CompressionCodec.Lz4:
                Lz4Frame.Compress(source, destination);
                break;
            case CompressionCodec.Zstd:
                ZstdFrame.Compress(source, destination);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(codec), codec, "Unknown compression codec.");
        }
    }

    /// <summary>
    /// Returns the decompressed bytes of a compressed records part. Throws
    /// <see cref="InvalidDataException"/> for an unknown codec and for a payload that is truncated
    /// or corrupt, whatever the codec library would have thrown.
    /// </summary>
    public static byte[] Decompress(CompressionCodec codec, ReadOnlySpan<byte> source)
    {
        try
        {
            return codec switch
            {
                CompressionCodec.None => source.ToArray(),
                CompressionCodec.Gzip => GzipMember.Decompress(source),
                CompressionCodec.Snappy => SnappyFraming.Decompress(source),
                CompressionCodec.Lz4 => Lz4Frame.Decompress(source),
                CompressionCodec.Zstd => ZstdFrame.Decompress(source),
                _ => throw new InvalidDataException($"Unknown compression codec {(int)codec}."),
            };
        }
        catch (Exception e) when (e is not InvalidDataException and not OutOfMemoryException)
        {
            // The codec libraries report bad input with their own exception types (EndOfStream,
            // InvalidOperation, ZstdException…); callers handle one type for "this batch is bad".
            throw new InvalidDataException($"The {codec.ToString().ToLowerInvariant()} payload of the batch is corrupt: {e.Message}", e);
        }
    }

    /// <summary>Runs <paramref name="source"/> through a compressing stream into <paramref name="destination"/>.</summary>
    internal static void CompressThrough(ReadOnlySpan<byte> source, IBufferWriter<byte> destination, Func<Stream, Stream> openCompressor)
    {
        using var sink = new BufferWriterStream(destination);
        using var stream = openCompressor(sink);
        stream.Write(source);
    }

    /// <summary>Reads a decompressing stream over <paramref name="source"/> to its end.</summary>
    internal static byte[] DecompressThrough(ReadOnlySpan<byte> source, Func<Stream, Stream> openDecompressor)
    {
        // The compressed part is already in memory; copy it once into a stream the codecs can read.
        using var input = new MemoryStream(source.ToArray(), writable: false);
        using var stream = openDecompressor(input);
        using var output = new MemoryStream(source.Length * 4);
        stream.CopyTo(output);
        return output.ToArray();
    }
}
