using Fluvio.Protocol.Compression;

namespace Fluvio.Client.Tests;

public class ProducerSetupTests
{
    [Theory]
    [InlineData(null, TopicCompression.Any, CompressionCodec.None)]
    [InlineData(null, TopicCompression.Lz4, CompressionCodec.Lz4)]
    [InlineData(CompressionCodec.Gzip, TopicCompression.Any, CompressionCodec.Gzip)]
    [InlineData(CompressionCodec.Zstd, TopicCompression.Zstd, CompressionCodec.Zstd)]
    [InlineData(CompressionCodec.None, TopicCompression.None, CompressionCodec.None)]
    public void The_codec_is_the_producers_else_the_topics_else_none(CompressionCodec? requested, TopicCompression topic, CompressionCodec expected) =>
        Assert.Equal(expected, FluvioClient.ResolveCodec(requested, topic));

    [Fact]
    public void A_codec_against_the_topics_fixed_one_is_CompressionMismatch()
    {
        var e = Assert.Throws<FluvioException>(() => FluvioClient.ResolveCodec(CompressionCodec.Lz4, TopicCompression.Snappy));
        Assert.Equal(FluvioErrorCode.CompressionMismatch, e.Code);
        Assert.Equal("Compression in the producer (lz4) does not match with topic level compression (snappy).", e.Message);
    }

    [Fact]
    public void The_defaults_are_fluvio_0_11_11s()
    {
        var o = new ProducerOptions();
        Assert.Equal(16384, o.BatchSize);
        Assert.Equal(TimeSpan.FromMilliseconds(100), o.Linger);
        Assert.Null(o.Compression);
        Assert.Equal(DeliverySemantic.AtLeastOnce, o.Delivery);
        Assert.Equal(4, o.MaxRetries);
    }

    [Fact]
    public void Bad_producer_options_are_InvalidArgument()
    {
        var e = Assert.Throws<FluvioException>(() => new ProducerOptions { MaxInFlightRequests = 0 }.Validate());
        Assert.Equal(FluvioErrorCode.InvalidArgument, e.Code);
        Assert.Contains("MaxInFlightRequests", e.Message);
    }

    [Fact]
    public void Consumer_options_check_the_end_against_an_absolute_start()
    {
        var e = Assert.Throws<FluvioException>(() => new ConsumerOptions { Start = ConsumerStart.AtOffset(5), EndOffset = 3 }.Validate());
        Assert.Equal("End offset 3 cannot be less than the start offset 5.", e.Message);
        Assert.Throws<FluvioException>(() => new ConsumerOptions { Partitions = [0, 0] }.Validate());
        Assert.Throws<FluvioException>(() => ConsumerStart.FromEnd(-1));
    }

    [Fact]
    public void Consumer_starts_become_the_request_oneof()
    {
        var o = new ConsumerOptions();
        Assert.True(GrpcConsumeStream.ToRequest("t", 0, o with { Start = ConsumerStart.Beginning }).Beginning);
        Assert.Equal(5, GrpcConsumeStream.ToRequest("t", 0, o with { Start = ConsumerStart.AtOffset(5) }).Offset);
        Assert.Equal(3, GrpcConsumeStream.ToRequest("t", 0, o with { Start = ConsumerStart.FromEnd(3) }).FromEnd);
        var request = GrpcConsumeStream.ToRequest("t", 2, o with { Start = ConsumerStart.End, Continuous = true, Consumer = "c1", MaxBytes = 99 });
        Assert.True(request.End);
        Assert.True(request.Continuous);
        Assert.Equal("c1", request.Consumer);
        Assert.Equal(99, request.MaxBytes);
        // A larger bound is split into responses below the large-object threshold (and the gRPC message limit).
        Assert.Equal(GrpcConsumeStream.MaxResponseBytes, GrpcConsumeStream.ToRequest("t", 0, o with { MaxBytes = 100_000_000 }).MaxBytes);
        Assert.True(GrpcConsumeStream.MaxResponseBytes < 85_000);
        Assert.Equal(2u, request.Partition);
    }
}
