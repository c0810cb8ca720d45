using System.IO.Compression;
using Fluvio.Protocol.Compression;
using Fluvio.Protocol.Records;
using K4os.Compression.LZ4.Streams;

namespace Fluvio.Reliability.Tests.Fuzz;

/// <summary>
/// A few kilobytes that decompress to hundreds of megabytes: what a hostile or broken peer can
/// put in a batch. Decoding refuses it past a fixed limit instead of allocating what it asks.
/// </summary>
public sealed class DecompressionBombTests
{
    private const long Inflated = 600L << 20;

    public static TheoryData<CompressionCodec> Codecs => [CompressionCodec.Gzip, CompressionCodec.Lz4, CompressionCodec.Zstd];

    [Theory(Timeout = 120_000)]
    [MemberData(nameof(Codecs))]
    public async Task A_batch_that_inflates_past_the_limit_is_refused_without_allocating_it(CompressionCodec codec)
    {
        byte[] payload = await Task.Run(() => Bomb(codec));
        long before = GC.GetAllocatedBytesForCurrentThread();
        var refused = Assert.Throws<InvalidDataException>(() => BatchCompression.Decompress(codec, payload));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Contains("more than", refused.Message);
        Assert.True(allocated < 3L * BatchCompression.MaxDecompressedBytes, $"{allocated >> 20} MiB allocated for a {payload.Length}-byte payload");
    }

    /// <summary>The compressed form of <see cref="Inflated"/> zero bytes, streamed (never held whole).</summary>
    private static byte[] Bomb(CompressionCodec codec)
    {
        var output = new MemoryStream();
        using (Stream compressor = codec switch
        {
            CompressionCodec.Gzip => new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true),
            CompressionCodec.Lz4 => LZ4Stream.Encode(output, leaveOpen: true),
            _ => new ZstdSharp.CompressionStream(output, 1, leaveOpen: true),
        })
        {
            var zeros = new byte[1 << 20];
            for (long written = 0; written < Inflated; written += zeros.Length)
            {
                compressor.Write(zeros);
            }
        }
        return output.ToArray();
    }
}
