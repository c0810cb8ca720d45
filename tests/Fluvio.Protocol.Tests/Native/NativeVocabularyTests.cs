using Fluvio.Protocol.Native;

namespace Fluvio.Protocol.Tests.Native;

/// <summary>The native wire's one mapping to the shared vocabulary (wire protocol §4.8.1, §7).</summary>
public class NativeVocabularyTests
{
    [Theory]
    [InlineData(TopicCompression.None, 0)]
    [InlineData(TopicCompression.Gzip, 1)]
    [InlineData(TopicCompression.Snappy, 2)]
    [InlineData(TopicCompression.Lz4, 3)]
    [InlineData(TopicCompression.Any, 4)]
    [InlineData(TopicCompression.Zstd, 5)]
    public void Each_topic_compression_has_Fluvios_tag_and_reads_back(TopicCompression compression, byte tag)
    {
        var writer = new WireWriter();
        NativeCompression.Write(writer, compression);
        byte[] bytes = writer.ToArray();
        Assert.Equal([tag], bytes);
        Assert.Equal(compression, NativeCompression.Read(new WireReader(bytes)));
    }

    [Fact]
    public void An_unknown_compression_tag_is_a_wire_format_error() =>
        Assert.Throws<WireFormatException>(() => NativeCompression.Read(new WireReader(new byte[] { 6 })));

    [Fact]
    public void CompressionError_is_the_kind_both_doors_report_for_a_wrong_codec() =>
        Assert.Equal(FluvioErrorCode.CompressionMismatch, NativeErrorKinds.KindOf(ErrorCode.Of(ErrorCodes.CompressionError)));
}
