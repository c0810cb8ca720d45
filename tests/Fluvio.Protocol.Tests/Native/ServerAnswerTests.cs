using Fluvio.Protocol.Native;

namespace Fluvio.Protocol.Tests.Native;

/// <summary>
/// Answers our server gives, encoded with our codecs, against the server frames of the captures
/// that the official client accepted (wire protocol Appendix B), where our answer should be the same.
/// </summary>
public class ServerAnswerTests
{
    [Fact]
    public void Sc_api_versions_are_the_captured_answer()
    {
        var frame = NativeFrame.Response(1, 2, new ApiVersionsResponse(ErrorCode.None, FluvioApiVersions.Sc, FluvioApiVersions.ScPlatformVersion));
        Assert.Equal(
            "000000370000000100000000000603e90009001003ea0001001003eb000f001003ec000f001003ed000e001003ee000100100007302e31312e3131",
            Hex(frame));
    }

    [Fact]
    public void Spu_api_versions_are_the_captured_answer()
    {
        var frame = NativeFrame.Response(1, 2, new ApiVersionsResponse(ErrorCode.None, FluvioApiVersions.Spu, FluvioApiVersions.SpuPlatformVersion));
        Assert.Equal(
            "0000002f0000000100000000000500000000001700010000001703ea0017001703eb0000001703ed000000000005302e302e30",
            Hex(frame));
    }

    [Fact]
    public void Create_ok_and_already_exists_statuses_are_the_captured_answers()
    {
        Assert.Equal("00000012000000040009776972652d74657374000000", Hex(NativeFrame.Response(4, 16, Status.Ok("wire-test"))));
        var exists = new Status("adm-topic", ErrorCode.Of(ErrorCodes.TopicAlreadyExists), "Topic 'adm-topic' already exists");
        Assert.Equal(
            "00000034000000080009" + "61646d2d746f706963" + "07d2" + "01" + "0020" + Convert.ToHexString("Topic 'adm-topic' already exists"u8).ToLowerInvariant(),
            Hex(NativeFrame.Response(8, 16, exists)));
    }

    [Fact]
    public void Produce_fetch_offsets_and_update_offsets_answers_are_the_captured_ones()
    {
        var produce = new ProduceResponse([new TopicProduceResponse("wire-test", [new PartitionProduceResponse(0, ErrorCode.None, 0, -1, 0)])], 0);
        Assert.Equal(
            "0000003900000001000000010009776972652d74657374000000010000000000000000000000000000ffffffffffffffff000000000000000000000000",
            Hex(NativeFrame.Response(1, 23, produce)));

        var offsets = new FetchOffsetsResponse([new FetchOffsetTopicResponse("wire-test", [new FetchOffsetPartitionResponse(ErrorCode.None, 0, 0, 1)])]);
        Assert.Equal(
            "0000002d00000002000000010009776972652d746573740000000100000000000000000000000000000000000000000001",
            Hex(NativeFrame.Response(2, 23, offsets)));

        var updated = new UpdateOffsetsResponse([new OffsetUpdateStatus(1, ErrorCode.None)]);
        Assert.Equal("0000000e0000000400000001000000010000", Hex(NativeFrame.Response(4, 0, updated)));
    }

    [Fact]
    public void Empty_watch_snapshots_are_the_captured_answers()
    {
        var partitions = new MetadataUpdate<PartitionSpec, PartitionStatus>(0, [], []);
        Assert.Equal(
            "00000023000000020009506172746974696f6e0000001000000000000000000000000000000000",
            Hex(NativeFrame.Response(2, w => ObjectEnvelope.Write(w, ObjectLabel.Partition, body => partitions.Encode(body, 16)))));
    }

    private static string Hex(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();
}
