using System.Buffers.Binary;
using System.IO.Hashing;
using Fluvio.Protocol.Compression;

namespace Fluvio.Protocol.Tests;

/// <summary>
/// Our codecs against payloads made by Fluvio's own codec crates (Fixtures/fluvio-codecs): we must
/// read what Fluvio writes, and write frames shaped the way Fluvio's readers insist on.
/// </summary>
public class FluvioCodecTests
{
    public static TheoryData<string, CompressionCodec> Cases()
    {
        var cases = new TheoryData<string, CompressionCodec>();
        foreach (var sample in CodecSamples.Names)
        {
            foreach (var codec in TestCodecs.Compressing)
            {
                cases.Add(sample, codec);
            }
        }
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Reads_what_fluvio_wrote(string sample, CompressionCodec codec)
    {
        Assert.Equal(CodecSamples.Create(sample), BatchCompression.Decompress(codec, FluvioPayload(sample, codec)));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Writes_a_frame_fluvio_reads(string sample, CompressionCodec codec)
    {
        var input = CodecSamples.Create(sample);

        var ours = TestCodecs.Compress(codec, input);

        Assert.Equal(input, BatchCompression.Decompress(codec, ours));
        switch (codec)
        {
            case CompressionCodec.Gzip:
                AssertOneGzipMember(ours, input);
                break;
            case CompressionCodec.Snappy:
                // Our reader makes snap's checks (chunk types, sizes, masked CRC-32C), so the round
                // trip above already held Snappier's chunks to them; the stream must also open with
                // the identifier chunk.
                Assert.Equal("FF060000734E61507059", Convert.ToHexString(ours, 0, 10));
                break;
            case CompressionCodec.Lz4:
                // Magic, FLG, BD and header checksum exactly as lz4_flex writes them for this size.
                Assert.Equal(Convert.ToHexString(FluvioPayload(sample, codec), 0, 7), Convert.ToHexString(ours, 0, 7));
                AssertLz4BlocksFit(ours);
                break;
            case CompressionCodec.Zstd:
                Assert.Equal("28B52FFD", Convert.ToHexString(ours, 0, 4));
                break;
        }
    }

    [Theory]
    [MemberData(nameof(TestCodecs.All), MemberType = typeof(TestCodecs))]
    public void Empty_input_round_trips(CompressionCodec codec)
    {
        Assert.Empty(BatchCompression.Decompress(codec, TestCodecs.Compress(codec, [])));
    }

    [Fact]
    public void Empty_gzip_is_the_member_flate2_writes()
    {
        // The runtime's GZipStream writes nothing for no input, and flate2's GzDecoder refuses nothing.
        Assert.Equal("1F8B08000000000000FF03000000000000000000", Convert.ToHexString(TestCodecs.Compress(CompressionCodec.Gzip, [])));
    }

    internal static byte[] FluvioPayload(string sample, CompressionCodec codec) =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "fluvio-codecs",
            $"{sample}.{codec.ToString().ToLowerInvariant()}"));

    /// <summary>flate2's GzDecoder reads only the first member and wants its trailer: so exactly one member.</summary>
    private static void AssertOneGzipMember(byte[] gzip, byte[] input)
    {
        Assert.Equal("1F8B08", Convert.ToHexString(gzip, 0, 3));
        Assert.Equal(Crc32.HashToUInt32(input), BinaryPrimitives.ReadUInt32LittleEndian(gzip.AsSpan(gzip.Length - 8)));
        Assert.Equal((uint)input.Length, BinaryPrimitives.ReadUInt32LittleEndian(gzip.AsSpan(gzip.Length - 4)));
    }

    /// <summary>
    /// lz4_flex refuses a block larger than the frame's block size; with no checksums the frame ends
    /// with the end mark and nothing after it.
    /// </summary>
    private static void AssertLz4BlocksFit(byte[] frame)
    {
        int maxBlock = 1 << (8 + 2 * ((frame[5] >> 4) & 7)); // BD 4..7: 64 KiB, 256 KiB, 1 MiB, 4 MiB
        int position = 7;
        while (true)
        {
            uint size = BinaryPrimitives.ReadUInt32LittleEndian(frame.AsSpan(position));
            position += 4;
            if (size == 0)
            {
                break;
            }
            int length = (int)(size & 0x7fffffff); // high bit: stored uncompressed
            Assert.InRange(length, 1, maxBlock);
            position += length;
        }
        Assert.Equal(frame.Length, position);
    }
}
