using System.Buffers;
using System.IO.Compression;
using K4os.Compression.LZ4.Streams;
using Snappier;

namespace Fluvio.Protocol.Compression;

/// <summary>
/// Compresses and decompresses the records part of a batch in the framing Fluvio uses for each
/// codec (fluvio-compression at v0.11.11): a gzip member, the Snappy framing format, an LZ4
/// frame, a zstd frame at level 1.
/// </summary>
public static class BatchCompression
{
    private const int ZstdLevel = 1;

    /// <summary>Appends the compressed form of <paramref name="source"/> to <paramref name="destination"/>.</summary>
    public static void Compress(CompressionCodec codec, ReadOnlySpan<byte> source, IBufferWriter<byte> destination)
    {
        switch (codec)
        {
            case CompressionCodec.None:
                destination.Write(source);
                break;
            case CompressionCodec.Zstd:
                {
                    using var compressor = new ZstdSharp.Compressor(ZstdLevel);
                    var bound = ZstdSharp.Compressor.GetCompressBound(source.Length);
                    var span = destination.GetSpan(bound);
                    var written = compressor.Wrap(source, span);
                    destination.Advance(written);
                    break;
                }
            default:
                {
                    using var sink = new BufferWriterStream(destination);
                    using (var stream = OpenCompressor(codec, sink))
                    {
                        stream.Write(source);
                    }
                    break;
                }
        }
    }

    /// <summary>Returns the decompressed bytes of a compressed records part.</summary>
    public static byte[] Decompress(CompressionCodec codec, ReadOnlySpan<byte> source)
    {
        switch (codec)
        {
            case CompressionCodec.None:
                return source.ToArray();
            case CompressionCodec.Zstd:
                {
                    using var decompressor = new ZstdSharp.Decompressor();
                    return decompressor.Unwrap(source).ToArray();
                }
            default:
                {
                    // The compressed part is already in memory; copy it once into a stream the codecs can read.
                    using var input = new MemoryStream(source.ToArray(), writable: false);
                    using var stream = OpenDecompressor(codec, input);
                    using var output = new MemoryStream(source.Length * 4);
                    stream.CopyTo(output);
                    return output.ToArray();
                }
        }
    }

    private static Stream OpenCompressor(CompressionCodec codec, Stream sink) => codec switch
    {
        CompressionCodec.Gzip => new GZipStream(sink, CompressionLevel.Optimal, leaveOpen: true),
        CompressionCodec.Snappy => new SnappyStream(sink, CompressionMode.Compress, leaveOpen: true),
        CompressionCodec.Lz4 => LZ4Stream.Encode(sink, leaveOpen: true),
        _ => throw new InvalidDataException($"Unknown compression codec {(int)codec}."),
    };

    private static Stream OpenDecompressor(CompressionCodec codec, Stream input) => codec switch
    {
        CompressionCodec.Gzip => new GZipStream(input, CompressionMode.Decompress),
        CompressionCodec.Snappy => new SnappyStream(input, CompressionMode.Decompress),
        CompressionCodec.Lz4 => LZ4Stream.Decode(input),
        _ => throw new InvalidDataException($"Unknown compression codec {(int)codec}."),
    };
}
