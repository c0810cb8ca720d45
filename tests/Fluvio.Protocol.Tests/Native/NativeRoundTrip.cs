using Fluvio.Protocol.Native;

namespace Fluvio.Protocol.Tests.Native;

/// <summary>
/// Decodes a captured frame with our codecs, checks every byte was read, and encodes what was
/// decoded into a new frame: equal bytes prove the layout both ways.
/// </summary>
internal static class NativeRoundTrip
{
    public static byte[] Reencode(CapturedExchange exchange)
    {
        var reader = new WireReader(exchange.Frame.Bytes.AsMemory(4));
        short version = exchange.ApiVersion;
        if (exchange.Frame.FromClient)
        {
            var header = RequestHeader.Decode(reader);
            var body = exchange.OnSc ? ScRequest(reader, header.ApiKey, version) : SpuRequest(reader, header.ApiKey, version);
            reader.End();
            return NativeFrame.Request(header, body);
        }
        int correlationId = reader.I32();
        var response = exchange.OnSc ? ScResponse(reader, exchange.ApiKey, version) : SpuResponse(reader, exchange.ApiKey, version);
        reader.End();
        return NativeFrame.Response(correlationId, response);
    }

    private static Action<WireWriter> ScRequest(WireReader reader, ushort key, short version)
    {
        if (key == (ushort)ScApiKey.ApiVersions)
        {
            return Body<ApiVersionsRequest>(reader, version);
        }
        var envelope = ObjectEnvelope.Decode(reader, version);
        var inner = envelope.Reader();
        Action<WireWriter> body = (ScApiKey)key switch
        {
            ScApiKey.Create => CreateBody(inner, version, envelope.Label),
            ScApiKey.Delete => Body<DeleteObjectRequest>(inner, version),
            ScApiKey.List => Body<ListObjectsRequest>(inner, version),
            ScApiKey.Watch => Body<WatchObjectsRequest>(inner, version),
            _ => throw new NotSupportedException($"SC request key {key}"),
        };
        inner.End();
        return w => ObjectEnvelope.Write(w, envelope.Label, body);
    }

    private static Action<WireWriter> CreateBody(WireReader reader, short version, string label)
    {
        Assert.Equal(ObjectLabel.Topic, label);
        var create = CreateObjectRequest.Decode(reader, version);
        var specReader = new WireReader(create.Spec);
        var spec = TopicSpec.Decode(specReader, version);
        specReader.End();
        var specWriter = new WireWriter();
        spec.Encode(specWriter, version);
        var rebuilt = create with { Spec = specWriter.ToArray() };
        return w => rebuilt.Encode(w, version);
    }

    private static Action<WireWriter> ScResponse(WireReader reader, ushort key, short version) => (ScApiKey)key switch
    {
        ScApiKey.ApiVersions => Body<ApiVersionsResponse>(reader, version),
        ScApiKey.Create or ScApiKey.Delete => Body<Status>(reader, version),
        ScApiKey.List => Enveloped(reader, version, typeof(ListResponse<,>)),
        ScApiKey.Watch => Enveloped(reader, version, typeof(MetadataUpdate<,>)),
        _ => throw new NotSupportedException($"SC response key {key}"),
    };

    /// <summary>A List or Watch answer: the envelope, then the generic body for the labelled kind.</summary>
    private static Action<WireWriter> Enveloped(WireReader reader, short version, Type generic)
    {
        var envelope = ObjectEnvelope.Decode(reader, version);
        var inner = envelope.Reader();
        Action<WireWriter> body = envelope.Label switch
        {
            ObjectLabel.Topic => Typed<TopicSpec, TopicStatus>(inner, version, generic),
            ObjectLabel.Partition => Typed<PartitionSpec, PartitionStatus>(inner, version, generic),
            ObjectLabel.Spu => Typed<SpuSpec, SpuStatus>(inner, version, generic),
            var other => throw new NotSupportedException($"label {other}"),
        };
        inner.End();
        return w => ObjectEnvelope.Write(w, envelope.Label, body);
    }

    private static Action<WireWriter> Typed<TSpec, TStatus>(WireReader reader, short version, Type generic)
        where TSpec : IWireCodec<TSpec>
        where TStatus : IWireCodec<TStatus> =>
        generic == typeof(ListResponse<,>)
            ? Body<ListResponse<TSpec, TStatus>>(reader, version)
            : Body<MetadataUpdate<TSpec, TStatus>>(reader, version);

    private static Action<WireWriter> SpuRequest(WireReader reader, ushort key, short version) => (SpuApiKey)key switch
    {
        SpuApiKey.ApiVersions => Body<ApiVersionsRequest>(reader, version),
        SpuApiKey.Produce => Body<ProduceRequest>(reader, version),
        SpuApiKey.FetchOffsets => Body<FetchOffsetsRequest>(reader, version),
        SpuApiKey.StreamFetch => Body<StreamFetchRequest>(reader, version),
        SpuApiKey.UpdateOffsets => Body<UpdateOffsetsRequest>(reader, version),
        _ => throw new NotSupportedException($"SPU request key {key}"),
    };

    private static Action<WireWriter> SpuResponse(WireReader reader, ushort key, short version) => (SpuApiKey)key switch
    {
        SpuApiKey.ApiVersions => Body<ApiVersionsResponse>(reader, version),
        SpuApiKey.Produce => Body<ProduceResponse>(reader, version),
        SpuApiKey.FetchOffsets => Body<FetchOffsetsResponse>(reader, version),
        SpuApiKey.StreamFetch => Body<StreamFetchResponse>(reader, version),
        SpuApiKey.UpdateOffsets => Body<UpdateOffsetsResponse>(reader, version),
        _ => throw new NotSupportedException($"SPU response key {key}"),
    };

    private static Action<WireWriter> Body<T>(WireReader reader, short version) where T : IWireCodec<T>
    {
        var value = T.Decode(reader, version);
        return w => value.Encode(w, version);
    }
}
