namespace Fluvio.Protocol.Native;

/// <summary>
/// Produce request (SPU key 0, wire protocol §5.2). Fluvio encodes it by hand: the transactional
/// id is always present whatever the version, the isolation travels as an i16 "acks" (1 = leader
/// only, -1 = committed), SmartModules exist from version 8.
/// </summary>
public sealed record ProduceRequest(
    string? TransactionalId,
    short Acks,
    int TimeoutMs,
    IReadOnlyList<TopicProduceData> Topics,
    IReadOnlyList<SmartModuleInvocation> SmartModules) : IWireCodec<ProduceRequest>
{
    public const short SmartModulesVersion = 8;

    public bool ReadCommitted => Acks < 0;

    public static ProduceRequest Decode(WireReader reader, short version) => new(
        reader.OptionalString(),
        reader.I16(),
        reader.I32(),
        reader.List(TopicProduceData.Decode),
        version >= SmartModulesVersion ? reader.List(r => SmartModuleInvocation.Decode(r, version)) : []);

    public void Encode(WireWriter writer, short version)
    {
        writer.OptionalString(TransactionalId);
        writer.I16(Acks);
        writer.I32(TimeoutMs);
        writer.List(Topics, static (w, topic) => topic.Encode(w));
        if (version >= SmartModulesVersion)
        {
            writer.List(SmartModules, (w, module) => module.Encode(w, version));
        }
    }
}

/// <summary>The entries of one topic. The client sends one entry per batch; partitions may repeat.</summary>
public sealed record TopicProduceData(string Name, IReadOnlyList<PartitionProduceData> Partitions)
{
    public static TopicProduceData Decode(WireReader reader) => new(reader.String(), reader.List(PartitionProduceData.Decode));

    public void Encode(WireWriter writer)
    {
        writer.String(Name);
        writer.List(Partitions, static (w, entry) => entry.Encode(w));
    }
}

/// <summary>One entry: a partition and its RecordSet; <see cref="Batches"/> are the batches as sent.</summary>
public sealed record PartitionProduceData(uint PartitionIndex, ReadOnlyMemory<byte> Batches)
{
    public static PartitionProduceData Decode(WireReader reader) => new(reader.U32(), reader.RecordSet());

    public void Encode(WireWriter writer)
    {
        writer.U32(PartitionIndex);
        writer.RecordSet(Batches.Span);
    }
}

/// <summary>
/// Produce response: one partition entry per request entry, in request order — the client pairs
/// them with its batches by position.
/// </summary>
public sealed record ProduceResponse(IReadOnlyList<TopicProduceResponse> Responses, int ThrottleTimeMs) : IWireCodec<ProduceResponse>
{
    public static ProduceResponse Decode(WireReader reader, short version) =>
        new(reader.List(r => TopicProduceResponse.Decode(r, version)), version >= 1 ? reader.I32() : 0);

    public void Encode(WireWriter writer, short version)
    {
        writer.List(Responses, (w, topic) => topic.Encode(w, version));
        if (version >= 1)
        {
            writer.I32(ThrottleTimeMs);
        }
    }
}

public sealed record TopicProduceResponse(string Name, IReadOnlyList<PartitionProduceResponse> Partitions)
{
    public static TopicProduceResponse Decode(WireReader reader, short version) =>
        new(reader.String(), reader.List(r => PartitionProduceResponse.Decode(r, version)));

    public void Encode(WireWriter writer, short version)
    {
        writer.String(Name);
        writer.List(Partitions, (w, partition) => partition.Encode(w, version));
    }
}

/// <summary>One entry's outcome: the offset given to the first record of its batch, or an error.</summary>
public sealed record PartitionProduceResponse(uint PartitionIndex, ErrorCode Error, long BaseOffset, long LogAppendTimeMs, long LogStartOffset)
{
    public static PartitionProduceResponse Decode(WireReader reader, short version) => new(
        reader.U32(),
        ErrorCode.Decode(reader, version),
        reader.I64(),
        version >= 2 ? reader.I64() : 0,
        version >= 5 ? reader.I64() : 0);

    public void Encode(WireWriter writer, short version)
    {
        writer.U32(PartitionIndex);
        Error.Encode(writer, version);
        writer.I64(BaseOffset);
        if (version >= 2)
        {
            writer.I64(LogAppendTimeMs);
        }
        if (version >= 5)
        {
            writer.I64(LogStartOffset);
        }
    }
}
