using Fluvio.Protocol.Native;

namespace Fluvio.Protocol.Tests.Native;

/// <summary>ErrorCode (wire protocol §7): an i16 tag and a payload whose shape depends on the tag.</summary>
public class ErrorCodeTests
{
    [Theory]
    [InlineData("0000")] // None
    [InlineData("07d1")] // TopicNotFound
    [InlineData("0002000568656c6c6f")] // Other("hello")
    [InlineData("0007" + "00000000000005dc" + "00")] // RequestTimedOut{1500 ms, Produce}
    [InlineData("0047" + "0000000000000005" + "0000000000000009")] // OffsetEvicted{5, 9}
    [InlineData("1772" + "00026531" + "01" + "00026e31")] // SmartModuleInvalid{"e1", Some("n1")}
    [InlineData("1772" + "00026531" + "00")] // SmartModuleInvalid{"e1", None}
    [InlineData("1774" + "000168" + "0000000000000007" + "01" + "01" + "04" + "6b31" + "06" + "763132")] // SmartModuleRuntimeError
    [InlineData("2ee1" + "0005546f706963" + "00017a")] // SystemSpecDeletionAttempt{"Topic", "z"}
    public void Every_payload_shape_round_trips(string hex)
    {
        var bytes = Convert.FromHexString(hex);
        var reader = new WireReader(bytes);
        var error = ErrorCode.Decode(reader, 0);
        reader.End();
        var writer = new WireWriter();
        error.Encode(writer, 0);
        Assert.Equal(hex, Convert.ToHexString(writer.ToArray()).ToLowerInvariant());
    }

    [Fact]
    public void Other_carries_its_message()
    {
        var error = ErrorCode.Other("stream without consumer id");
        Assert.Equal("stream without consumer id", error.Message);
        Assert.Equal("Other: stream without consumer id", error.ToString());
        Assert.True(error.IsError);
        Assert.False(ErrorCode.None.IsError);
    }

    [Fact]
    public void An_unknown_tag_fails_the_message_as_in_fluvio()
    {
        Assert.Throws<WireFormatException>(() => ErrorCode.Decode(new WireReader(new byte[] { 0x00, 0x03 }), 0));
    }

    [Fact]
    public void A_truncated_payload_fails()
    {
        Assert.Throws<WireFormatException>(() => ErrorCode.Decode(new WireReader(Convert.FromHexString("0047000000000000")), 0));
    }

    [Fact]
    public void Of_refuses_tags_that_need_a_payload()
    {
        Assert.Throws<ArgumentException>(() => ErrorCode.Of(ErrorCodes.Other));
        Assert.Equal(ErrorCodes.TopicNotFound, ErrorCode.Of(ErrorCodes.TopicNotFound).Code);
    }
}
