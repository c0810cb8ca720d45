using System.Buffers;

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
        // Streaming, like Fluvio's Decoder: memory follows the data actually decoded, never a
        // content size claimed by a (possibly corrupt) frame header (Fluvio's frames carry none).
        BatchCompression.DecompressThrough(source, sizeHint: 0, input => new ZstdSharp.DecompressionStream(input));
}
