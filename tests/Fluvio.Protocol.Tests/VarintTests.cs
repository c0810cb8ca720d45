using Fluvio.Protocol.Records;

namespace Fluvio.Protocol.Tests;

/// <summary>Zig-zag varints inside records: the vectors of wire protocol §2.</summary>
public class VarintTests
{
    [Theory]
    [InlineData(0L, "00")]
    [InlineData(-1L, "01")]
    [InlineData(1L, "02")]
    [InlineData(63L, "7E")]
    [InlineData(8191L, "FE7F")]
    [InlineData(-134217729L, "8180808001")]
    [InlineData(24L, "30")]
    [InlineData(5L, "0A")]
    [InlineData(12L, "18")]
    public void Encodes_and_decodes_the_spec_vectors(long value, string hex)
    {
        var buffer = new byte[Varint.MaxLength];
        int written = Varint.Write(buffer, value);

        Assert.Equal(hex, Convert.ToHexString(buffer, 0, written));
        Assert.Equal(written, Varint.SizeOf(value));
        Assert.True(Varint.TryRead(Convert.FromHexString(hex), out long read, out int consumed));
        Assert.Equal(value, read);
        Assert.Equal(hex.Length / 2, consumed);
    }

    [Theory]
    [InlineData(int.MinValue)]
    [InlineData(int.MaxValue)]
    [InlineData(-64L)]
    [InlineData(64L)]
    [InlineData(1L << 40)]
    [InlineData(long.MinValue)]
    [InlineData(long.MaxValue)]
    public void Round_trips_and_reads_only_its_own_bytes(long value)
    {
        var buffer = new byte[Varint.MaxLength + 2];
        int written = Varint.Write(buffer, value);
        buffer[written] = 0x7F; // a following byte must not be consumed

        Assert.True(Varint.TryRead(buffer, out long read, out int consumed));
        Assert.Equal(value, read);
        Assert.Equal(written, consumed);
        Assert.Equal(written, Varint.SizeOf(value));
    }

    [Theory]
    [InlineData("")]
    [InlineData("80")]
    [InlineData("FE")]
    [InlineData("81808080")]
    [InlineData("FFFFFFFFFFFFFFFFFFFF01")] // more than ten bytes of continuation
    public void Truncated_or_overlong_input_is_refused(string hex)
    {
        Assert.False(Varint.TryRead(Convert.FromHexString(hex), out _, out int consumed));
        Assert.Equal(0, consumed);
    }
}
