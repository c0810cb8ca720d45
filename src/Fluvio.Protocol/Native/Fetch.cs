namespace Fluvio.Protocol.Native;

/// <summary>
/// Fetch (SPU key 1, wire protocol §5.7): the Kafka-shaped one-shot read the official clients no
/// longer send, answered with the same partition layout as StreamFetch.
/// </summary>
public sealed record FetchRequest(
    int MaxWaitMs,
    int MinBytes,
    int MaxBytes,
    Isolation Isolation,
    IReadOnlyList<FetchableTopic> Topics,
    IReadOnlyList<(string Name, IReadOnlyList<int> Partitions)> Forgotten) : IWireCodec<FetchRequest>
{
    public static FetchRequest Decode(WireReader reader, short version) => new(
        reader.I32(),
        reader.I32(),
        version >= 3 ? reader.I32() : 0,
        version >= 4 ? (Isolation)reader.U8() : Isolation.ReadUncommitted,
        reader.List(r => FetchableTopic.Decode(r, version)),
        version >= 7 ? reader.List(static r => (r.String(), (IReadOnlyList<int>)r.List(static p => p.I32()))) : []);

    public void Encode(WireWriter writer, short version)
    {
        writer.I32(MaxWaitMs);
        writer.I32(MinBytes);
        if (version >= 3)
        {
            writer.I32(MaxBytes);
        }
        if (version >= 4)
        {
            writer.U8((byte)Isolation);
        }
        writer.List(Topics, (w, topic) => topic.Encode(w, version));
        if (version >= 7)
        {
            writer.List(Forgotten, static (w, topic) =>
            {
                w.String(topic.Name);
                w.List(topic.Partitions, static (pw, p) => pw.I32(p));
            });
        }
    }
}

public sealed record FetchableTopic(string Name, IReadOnlyList<FetchPartition> Partitions)
{
    public static FetchableTopic Decode(WireReader reader, short version) =>
        new(reader.String(), reader.List(r => FetchPartition.Decode(r, version)));

    public void Encode(WireWriter writer, short version)
    {
        writer.String(Name);
        writer.List(Partitions, (w, partition) => partition.Encode(w, version));
    }
}

public sealed record FetchPartition(uint PartitionIndex, int CurrentLeaderEpoch, long FetchOffset, long LogStartOffset, int MaxBytes)
{
    public static FetchPartition Decode(WireReader reader, short version) => new(
        reader.U32(),
        version >= 9 ? reader.I32() : -1,
        reader.I64(),
        version >= 5 ? reader.I64() : 0,
        reader.I32());

    public void Encode(WireWriter writer, short version)
    {
        writer.U32(PartitionIndex);
        if (version >= 9)
        {
            writer.I32(CurrentLeaderEpoch);
        }
        writer.I64(FetchOffset);
        if (version >= 5)
        {
            writer.I64(LogStartOffset);
        }
        writer.I32(MaxBytes);
    }
}

public sealed record FetchResponse(int ThrottleTimeMs, ErrorCode Error, int SessionId, IReadOnlyList<FetchableTopicResponse> Topics) : IWireCodec<FetchResponse>
{
    public static FetchResponse Decode(WireReader reader, short version) => new(
        reader.I32(),
        ErrorCode.Decode(reader, version),
        reader.I32(),
        reader.List(r => FetchableTopicResponse.Decode(r, version)));

    public void Encode(WireWriter writer, short version)
    {
        writer.I32(ThrottleTimeMs);
        Error.Encode(writer, version);
        writer.I32(SessionId);
        writer.List(Topics, (w, topic) => topic.Encode(w, version));
    }
}

public sealed record FetchableTopicResponse(string Name, IReadOnlyList<FetchablePartitionResponse> Partitions)
{
    public static FetchableTopicResponse Decode(WireReader reader, short version) =>
        new(reader.String(), reader.List(r => FetchablePartitionResponse.Decode(r, version)));

    public void Encode(WireWriter writer, short version)
    {
        writer.String(Name);
        writer.List(Partitions, (w, partition) => partition.Encode(w, version));
    }
}
