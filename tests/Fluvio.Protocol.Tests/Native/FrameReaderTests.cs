using Fluvio.Protocol.Native;

namespace Fluvio.Protocol.Tests.Native;

/// <summary>Framing (wire protocol §1.2) with a size limit checked before anything is allocated.</summary>
public class FrameReaderTests
{
    [Fact]
    public async Task Frames_are_read_back_to_back_and_a_clean_end_is_null()
    {
        var stream = new MemoryStream(Convert.FromHexString("00000002abcd" + "00000000" + "00000001ee"));
        var reader = new FrameReader(stream);
        Assert.Equal("ABCD", Convert.ToHexString((await reader.ReadAsync(default))!));
        Assert.Empty((await reader.ReadAsync(default))!);
        Assert.Equal("EE", Convert.ToHexString((await reader.ReadAsync(default))!));
        Assert.Null(await reader.ReadAsync(default));
    }

    [Theory]
    [InlineData("ffffffff")] // negative
    [InlineData("04000001")] // 64 MiB + 1
    [InlineData("7fffffff")] // 2 GiB
    public async Task A_size_out_of_range_is_refused_at_once(string size)
    {
        var reader = new FrameReader(new MemoryStream(Convert.FromHexString(size + "0000")));
        await Assert.ThrowsAsync<WireFormatException>(() => reader.ReadAsync(default).AsTask());
    }

    [Theory]
    [InlineData("0000")] // inside the size
    [InlineData("00000010" + "0102")] // inside the payload
    public async Task A_stream_ending_inside_a_frame_is_an_error(string hex)
    {
        var reader = new FrameReader(new MemoryStream(Convert.FromHexString(hex)));
        await Assert.ThrowsAsync<EndOfStreamException>(() => reader.ReadAsync(default).AsTask());
    }

    [Fact]
    public async Task A_large_frame_arriving_in_pieces_is_assembled()
    {
        var payload = new byte[300_000];
        new Random(7).NextBytes(payload);
        var bytes = new byte[4 + payload.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(bytes, payload.Length);
        payload.CopyTo(bytes, 4);
        var reader = new FrameReader(new TrickleStream(bytes, 7919));
        Assert.Equal(payload, await reader.ReadAsync(default));
    }

    /// <summary>Hands out at most <paramref name="chunk"/> bytes per read, as a socket does.</summary>
    private sealed class TrickleStream(byte[] bytes, int chunk) : MemoryStream(bytes)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(chunk, buffer.Length)], cancellationToken);
    }
}
