using Fluvio.Protocol.Native;

namespace Fluvio.Protocol.Tests.Native;

/// <summary>The primitive reads (wire protocol §2) and how they refuse bytes that lie.</summary>
public class WireReaderTests
{
    [Fact]
    public void A_string_length_of_zero_or_less_is_an_empty_string_as_in_fluvio()
    {
        var reader = new WireReader(Convert.FromHexString("0000" + "ffff" + "00026869"));
        Assert.Equal("", reader.String());
        Assert.Equal("", reader.String());
        Assert.Equal("hi", reader.String());
        reader.End();
    }

    [Fact]
    public void A_count_larger_than_the_bytes_left_is_refused_before_allocating()
    {
        var reader = new WireReader(Convert.FromHexString("7fffffff" + "00"));
        Assert.Throws<WireFormatException>(() => reader.List(r => r.U8()));
    }

    [Fact]
    public void A_negative_count_is_an_empty_list()
    {
        Assert.Empty(new WireReader(Convert.FromHexString("ffffffff")).List(r => r.U8()));
    }

    [Theory]
    [InlineData("7fffffff00")] // far more than is there
    [InlineData("ffffffff")] // negative
    public void A_record_set_length_past_the_end_is_refused(string hex)
    {
        Assert.Throws<WireFormatException>(() => new WireReader(Convert.FromHexString(hex)).RecordSet());
    }

    [Fact]
    public void Bools_are_strict()
    {
        Assert.Throws<WireFormatException>(() => new WireReader(new byte[] { 2 }).Bool());
    }

    [Fact]
    public void A_truncated_string_is_refused()
    {
        Assert.Throws<WireFormatException>(() => new WireReader(Convert.FromHexString("000a6869")).String());
    }

    [Fact]
    public void A_huge_map_count_is_refused()
    {
        Assert.Throws<WireFormatException>(() => new WireReader(Convert.FromHexString("ffff0000")).MapCount());
    }

    [Fact]
    public void Strings_longer_than_fluvio_reads_are_not_written()
    {
        Assert.Throws<ArgumentException>(() => new WireWriter().String(new string('x', 40_000)));
    }

    [Fact]
    public void An_envelope_claiming_more_than_is_there_is_refused()
    {
        var bytes = Convert.FromHexString("0005546f706963" + "00000100" + "0000");
        Assert.Throws<WireFormatException>(() => ObjectEnvelope.Decode(new WireReader(bytes), 16));
    }

    [Fact]
    public void Classic_envelopes_are_not_read()
    {
        Assert.Throws<WireFormatException>(() => ObjectEnvelope.Decode(new WireReader(Convert.FromHexString("0005546f706963")), 10));
    }
}
