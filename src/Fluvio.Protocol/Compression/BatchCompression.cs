using System.Buffers;
using System.Runtime.InteropServices;

namespace Fluvio.Protocol.Compression;

/// <summary>
/// Compresses and decompresses the records part of a batch in the framing Fluvio uses for each
/// codec (crate fluvio-compression at v0.11.11): a gzip member, the Snappy framing format, an LZ4
/// frame, a zstd frame at level 1. Fluvio's decoders read what we write; a payload they would
/// refuse as truncated or corrupt fails here too, as <see cref="InvalidDataException"/>.
/// </summary>
public static class BatchCompression
{
    /// <summary>
    /// The most bytes a records part may decompress to: well above any batch a producer builds
    /// (a gRPC message is at most 64 MiB), far below what a few kilobytes of hostile zstd could
    /// ask for. Past it a payload is refused as corrupt instead of allocated.
    /// </summary>
    public const int MaxDecompressedBytes = 128 * 1024 * 1024;

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
        var output = DecompressPart(codec, source.ToArray());
        return MemoryMarshal.TryGetArray(output, out var whole) && whole.Offset == 0 && whole.Count == whole.Array!.Length
            ? whole.Array
            : output.ToArray();
    }

    /// <summary>
    /// <see cref="Decompress"/> for the read path: reads <paramref name="source"/> where it lies
    /// (no copy of the input) and returns the output without a final copy, usually in the one
    /// array it was decompressed into, sized from what the frame says of its output.
    /// </summary>
    internal static ReadOnlyMemory<byte> DecompressPart(CompressionCodec codec, ReadOnlyMemory<byte> source)
    {
        try
        {
            return codec switch
            {
                CompressionCodec.None => source.ToArray(),
                CompressionCodec.Gzip => GzipMember.Decompress(source),
                CompressionCodec.Snappy => SnappyFraming.Decompress(source.Span),
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

    /// <summary>
    /// The most output a frame's own claim (gzip's length trailer, LZ4's block sizes) may size a
    /// buffer to before any byte is decoded: a few hostile bytes can claim anything, so past this
    /// the output grows in chunks as it is actually produced. Well above a producer's batches.
    /// </summary>
    internal const int MaxTrustedSizeHint = 4 * 1024 * 1024;

    /// <summary>
    /// Reads a decompressing stream over <paramref name="source"/> to its end. With
    /// <paramref name="sizeHint"/> (what the frame says the output is, or at most is) the output
    /// goes into one array of that size, one byte more, so that a stream that ends there needs no
    /// second buffer and no copy; without one, or when the stream runs past it, into chunks
    /// joined at the end.
    /// </summary>
    internal static ReadOnlyMemory<byte> DecompressThrough(ReadOnlyMemory<byte> source, int sizeHint, Func<Stream, Stream> openDecompressor)
    {
        using var input = MemoryMarshal.TryGetArray(source, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(source.ToArray(), writable: false);
        using var stream = openDecompressor(input);
        // Filled in chunks and joined once at the end: the bytes allocated stay about twice the
        // output (a doubling buffer would allocate four times), and the limit is checked as it grows.
        var chunks = new List<(byte[] Buffer, int Count)>();
        long total = 0;
        int chunkSize = sizeHint > 0
            ? Math.Min(sizeHint, MaxTrustedSizeHint) + 1
            : (int)Math.Clamp(source.Length * 4L, 4096, 1 << 20);
        while (true)
        {
            var chunk = new byte[chunkSize];
            int filled = 0;
            int read;
            while (filled < chunk.Length && (read = stream.Read(chunk, filled, chunk.Length - filled)) > 0)
            {
                filled += read;
            }
            chunks.Add((chunk, filled));
            total += filled;
            if (total > MaxDecompressedBytes)
            {
                throw new InvalidDataException($"The compressed records part of the batch inflates to more than {MaxDecompressedBytes} bytes; it is refused.");
            }
            if (filled < chunk.Length)
            {
                break;
            }
            chunkSize = Math.Min(chunkSize * 2, 1 << 20);
        }
        if (chunks.Count == 1)
        {
            return chunks[0].Buffer.AsMemory(0, chunks[0].Count);
        }
        var output = new byte[total];
        int at = 0;
        foreach (var (buffer, count) in chunks)
        {
            buffer.AsSpan(0, count).CopyTo(output.AsSpan(at));
            at += count;
        }
        return output;
    }
}
