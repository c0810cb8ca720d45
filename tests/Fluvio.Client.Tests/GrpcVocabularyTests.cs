using Fluvio.Protocol.Grpc;

namespace Fluvio.Client.Tests;

/// <summary>The gRPC contract's one mapping to the shared vocabulary.</summary>
public class GrpcVocabularyTests
{
    [Fact]
    public void Every_topic_compression_round_trips() =>
        Assert.All(Enum.GetValues<TopicCompression>(), c => Assert.Equal(c, c.ToGrpc().ToTopicCompression()));

    [Fact]
    public void Every_broker_reason_round_trips_through_its_kind() =>
        Assert.All(Enum.GetValues<ErrorReason>().Where(r => r != ErrorReason.Unspecified), r => Assert.Equal(r, r.ToErrorCode().ToReason()));

    [Theory]
    [InlineData(FluvioErrorCode.ConnectionFailed)]
    [InlineData(FluvioErrorCode.Timeout)]
    [InlineData(FluvioErrorCode.Unauthenticated)]
    public void A_client_side_kind_is_no_broker_reason(FluvioErrorCode code) =>
        Assert.Equal(FluvioErrorCode.Unknown, code.ToReason().ToErrorCode());
}
