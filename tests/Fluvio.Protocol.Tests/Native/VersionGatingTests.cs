using Fluvio.Protocol.Native;

namespace Fluvio.Protocol.Tests.Native;

/// <summary>
/// Fields that exist only from (or until) some api_version (wire protocol §2): what older
/// clients send must decode, and what we write for them must leave the newer fields out.
/// </summary>
public class VersionGatingTests
{
    private static readonly TopicSpec Spec = new(
        new ComputedReplicas(3, 1, false),
        new CleanupPolicy(3600),
        new TopicStorageConfig(1024, null),
        TopicCompression.Gzip,
        null,
        false);

    [Theory]
    [InlineData(0, "01000000030000000100")]
    [InlineData(3, "01000000030000000100" + "010000000e10")]
    [InlineData(6, "01000000030000000100" + "010000000e10" + "010100000400" + "00" + "01")]
    [InlineData(16, "01000000030000000100" + "010000000e10" + "010100000400" + "00" + "01" + "00" + "00")]
    public void A_topic_spec_has_the_fields_of_its_version(short version, string hex)
    {
        Assert.Equal(hex, Hex(w => Spec.Encode(w, version)));
        var decoded = TopicSpec.Decode(new WireReader(Convert.FromHexString(hex)), version);
        Assert.Equal(hex, Hex(w => decoded.Encode(w, version)));
    }

    [Theory]
    [InlineData(10)] // before the legacy SmartModule fields
    [InlineData(11)] // wasm_module only
    [InlineData(17)] // wasm_module, smartmodule, derivedstream
    [InlineData(18)] // the legacy fields and the list
    [InlineData(19)] // the list only
    [InlineData(23)] // and the consumer id
    public void A_stream_fetch_request_round_trips_at_every_layout(short version)
    {
        var request = new StreamFetchRequest("t", 2, 42, 1000, Isolation.ReadCommitted, ReadOnlyMemory<byte>.Empty, [], version >= 23 ? "c" : null);
        var bytes = Convert.FromHexString(Hex(w => request.Encode(w, version)));
        var reader = new WireReader(bytes);
        var decoded = StreamFetchRequest.Decode(reader, version);
        reader.End();
        Assert.Equal((request.Topic, request.Partition, request.FetchOffset, request.MaxBytes, request.Isolation, request.ConsumerId),
            (decoded.Topic, decoded.Partition, decoded.FetchOffset, decoded.MaxBytes, decoded.Isolation, decoded.ConsumerId));
        Assert.False(decoded.HasLegacySmartModule(version));
        Assert.Equal(Convert.ToHexString(bytes), Hex(w => decoded.Encode(w, version)).ToUpperInvariant());
    }

    [Fact]
    public void A_legacy_smartmodule_is_noticed()
    {
        // v17: wasm_module empty, smartmodule Some(Predefined("sm"), Filter, no params), derivedstream None.
        var bytes = Convert.FromHexString("000174" + "00000000" + "0000000000000000" + "000003e8" + "00" + "00000000" + "01" + "00" + "0002736d" + "00" + "0000" + "00");
        var reader = new WireReader(bytes);
        var decoded = StreamFetchRequest.Decode(reader, 17);
        reader.End();
        Assert.True(decoded.HasLegacySmartModule(17));
    }

    [Fact]
    public void Produce_requests_before_version_8_have_no_smartmodules()
    {
        var request = new ProduceRequest(null, 1, 1500, [new TopicProduceData("t", [new PartitionProduceData(0, new byte[] { 1, 2 })])], []);
        string v7 = Hex(w => request.Encode(w, 7));
        string v8 = Hex(w => request.Encode(w, 8));
        Assert.Equal(v7 + "00000000", v8);
        Assert.Empty(ProduceRequest.Decode(new WireReader(Convert.FromHexString(v7)), 7).SmartModules);
    }

    [Fact]
    public void Produce_response_fields_follow_their_versions()
    {
        var response = new ProduceResponse([new TopicProduceResponse("t", [new PartitionProduceResponse(0, ErrorCode.None, 5, -1, 0)])], 0);
        Assert.Equal("00000001000174000000010000000000000000000000000005", Hex(w => response.Encode(w, 0)));
        Assert.Equal(Hex(w => response.Encode(w, 0)) + "00000000", Hex(w => response.Encode(w, 1)));
    }

    private static string Hex(Action<WireWriter> write)
    {
        var writer = new WireWriter();
        write(writer);
        return Convert.ToHexString(writer.ToArray()).ToLowerInvariant();
    }
}
