using System.Buffers.Binary;
using System.Text;
using Fluvio.Protocol.Compression;

namespace Fluvio.Protocol.Tests;

/// <summary>
/// The read path's decompression sizes its output from what the frame says (gzip's length
/// trailer, LZ4's blocks, snappy's chunk preambles) and reads its input in place; outputs past
/// any hint, and frames that lie about their size, still decode exactly or fail as before.
/// </summary>
public class DecompressSizingTests
{
    /// <summary>Log-line-like text that compresses about as records parts do.</summary>
    private static byte[] Text(int bytes)
    {
        var text = new StringBuilder();
        for (int i = 0; text.Length < bytes; i++)
        {
            text.Append($"{{\"seq\":{i},\"level\":\"INFO\",\"host\":\"web-{i % 12:D2}\",\"msg\":\"served in {i % 997} ms\"}}\n");
        }
        return Encoding.ASCII.GetBytes(text.ToString(0, bytes));
    }

    public static TheoryData<CompressionCodec, int> Sizes()
    {
        var data = new TheoryData<CompressionCodec, int>();
        foreach (var codec in TestCodecs.Compressing)
        {
            // Below, at and past LZ4's 64 KiB block; past the most a frame's claim may size a buffer to.
            foreach (int size in new[] { 1, 1000, 64 * 1024, 64 * 1024 + 1, 300_000, BatchCompression.MaxTrustedSizeHint + 100_000 })
            {
                data.Add(codec, size);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Every_size_decodes_exactly_in_place_and_through_the_public_call(CompressionCodec codec, int size)
    {
        byte[] input = Text(size);
        byte[] compressed = TestCodecs.Compress(codec, input);
        // In place: a slice of a larger array, as a batch's records part is.
        byte[] framed = [0xAA, 0xBB, .. compressed, 0xCC];

        Assert.Equal(input, BatchCompression.DecompressPart(codec, framed.AsMemory(2, compressed.Length)).ToArray());
        Assert.Equal(input, BatchCompression.Decompress(codec, compressed));
    }

    [Fact]
    public void A_gzip_length_trailer_that_claims_gigabytes_is_refused()
    {
        byte[] member = TestCodecs.Compress(CompressionCodec.Gzip, Text(5000));
        BinaryPrimitives.WriteUInt32LittleEndian(member.AsSpan(member.Length - 4), 0x7FFF_FFFF);

        // Refused (by GZipStream's own check or ours), having sized its buffer to at most the trusted hint.
        Assert.Throws<InvalidDataException>(() => BatchCompression.DecompressPart(CompressionCodec.Gzip, member));
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(64 * 1024)]
    [InlineData(200_000)]
    public void An_lz4_frame_bounds_its_output_by_its_blocks(int size)
    {
        byte[] frame = TestCodecs.Compress(CompressionCodec.Lz4, Text(size));
        int most = Lz4Frame.MostOutput(frame);
        Assert.InRange(most, size, size + 256 * 1024);
        Assert.Equal(0, Lz4Frame.MostOutput(frame.AsSpan(0, 3)));
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(200_000)]
    public void A_zstd_frame_states_its_size_or_bounds_it_by_its_blocks(int size)
    {
        byte[] input = Text(size);
        byte[] ours = TestCodecs.Compress(CompressionCodec.Zstd, input);
        Assert.Equal(size, ZstdFrame.MostOutput(ours));

        // A streaming frame, as Fluvio writes: no content size, so the blocks bound it.
        using var sink = new MemoryStream();
        using (var stream = new ZstdSharp.CompressionStream(sink, 1, leaveOpen: true))
        {
            stream.Write(input);
        }
        byte[] streamed = sink.ToArray();
        Assert.InRange(ZstdFrame.MostOutput(streamed), size, size + 128 * 1024);
        Assert.Equal(input, BatchCompression.DecompressPart(CompressionCodec.Zstd, streamed).ToArray());
        Assert.Equal(0, ZstdFrame.MostOutput(streamed.AsSpan(0, 5)));
    }

    [Theory]
    [InlineData(CompressionCodec.Zstd)]
    [InlineData(CompressionCodec.Gzip)]
    [InlineData(CompressionCodec.Snappy)]
    [InlineData(CompressionCodec.Lz4)]
    public void A_64_KiB_records_part_allocates_about_its_output_once(CompressionCodec codec)
    {
        byte[] input = Text(64 * 1024);
        byte[] compressed = TestCodecs.Compress(codec, input);
        BatchCompression.DecompressPart(codec, compressed); // first-call set-up out of the count

        long before = GC.GetAllocatedBytesForCurrentThread();
        var output = BatchCompression.DecompressPart(codec, compressed);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(input.Length, output.Length);
        // Before sizing from the frame: 2.4x (gzip), 2.7x (snappy), 3.5x (LZ4), 3.3x (zstd).
        Assert.True(allocated < input.Length * 3 / 2, $"{codec}: {allocated} bytes allocated for {input.Length} of output");
    }
}
