namespace Fluvio.Protocol.Native;

/// <summary>
/// FetchOffsets request (SPU key 1002, wire protocol §5.3): the partitions whose log start and
/// high watermark the consumer wants. With a consumer id (from 23) the start is that consumer's
/// committed offset + 1.
/// </summary>
public sealed record FetchOffsetsRequest(IReadOnlyList<FetchOffsetTopic> Topics, string? ConsumerId) : IWireCodec<FetchOffsetsRequest>
{
    public static FetchOffsetsRequest Decode(WireReader reader, short version) =>
        new(reader.List(FetchOffsetTopic.Decode), version >= 23 ? reader.OptionalString() : null);

    public void Encode(WireWriter writer, short version)
    {
        writer.List(Topics, static (w, topic) => topic.Encode(w));
        if (version >= 23)
        {
            writer.OptionalString(ConsumerId);
        }
    }
}

public sealed record FetchOffsetTopic(string Name, IReadOnlyList<uint> Partitions)
{
    // Each partition is a struct holding only partition_index: the same bytes as the u32.
    public static FetchOffsetTopic Decode(WireReader reader) => new(reader.String(), reader.List(static r => r.U32()));

    public void Encode(WireWriter writer)
    {
        writer.String(Name);
        writer.List(Partitions, static (w, partition) => w.U32(partition));
    }
}

public sealed record FetchOffsetsResponse(IReadOnlyList<FetchOffsetTopicResponse> Topics) : IWireCodec<FetchOffsetsResponse>
{
    public static FetchOffsetsResponse Decode(WireReader reader, short version) =>
        new(reader.List(r => FetchOffsetTopicResponse.Decode(r, version)));

    public void Encode(WireWriter writer, short version) =>
        writer.List(Topics, (w, topic) => topic.Encode(w, version));
}

public sealed record FetchOffsetTopicResponse(string Name, IReadOnlyList<FetchOffsetPartitionResponse> Partitions)
{
    public static FetchOffsetTopicResponse Decode(WireReader reader, short version) =>
        new(reader.String(), reader.List(r => FetchOffsetPartitionResponse.Decode(r, version)));

    public void Encode(WireWriter writer, short version)
    {
        writer.String(Name);
        writer.List(Partitions, (w, partition) => partition.Encode(w, version));
    }
}

/// <summary>Note the order: the error code comes before the partition index here.</summary>
public sealed record FetchOffsetPartitionResponse(ErrorCode Error, uint PartitionIndex, long StartOffset, long LastStableOffset)
{
    public static FetchOffsetPartitionResponse Decode(WireReader reader, short version) =>
        new(ErrorCode.Decode(reader, version), reader.U32(), reader.I64(), reader.I64());

    public void Encode(WireWriter writer, short version)
    {
        Error.Encode(writer, version);
        writer.U32(PartitionIndex);
        writer.I64(StartOffset);
        writer.I64(LastStableOffset);
    }
}
