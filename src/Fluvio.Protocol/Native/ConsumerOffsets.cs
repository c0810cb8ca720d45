namespace Fluvio.Protocol.Native;

/// <summary>A partition named by topic and index (ReplicaKey; as a text name "&lt;topic&gt;-&lt;index&gt;").</summary>
public sealed record ReplicaKey(string Topic, uint Partition)
{
    public static ReplicaKey Decode(WireReader reader) => new(reader.String(), reader.U32());

    public void Encode(WireWriter writer)
    {
        writer.String(Topic);
        writer.U32(Partition);
    }

    public override string ToString() => $"{Topic}-{Partition}";
}

/// <summary>
/// UpdateConsumerOffset (SPU key 1006, wire protocol §5.6): commit <see cref="Offset"/> (the last
/// record consumed) for the consumer that opened stream <see cref="SessionId"/> with a consumer id.
/// </summary>
public sealed record UpdateConsumerOffsetRequest(long Offset, uint SessionId) : IWireCodec<UpdateConsumerOffsetRequest>
{
    public static UpdateConsumerOffsetRequest Decode(WireReader reader, short version) => new(reader.I64(), reader.U32());

    public void Encode(WireWriter writer, short version)
    {
        writer.I64(Offset);
        writer.U32(SessionId);
    }
}

public sealed record UpdateConsumerOffsetResponse(long Offset, ErrorCode Error) : IWireCodec<UpdateConsumerOffsetResponse>
{
    public static UpdateConsumerOffsetResponse Decode(WireReader reader, short version) =>
        new(reader.I64(), ErrorCode.Decode(reader, version));

    public void Encode(WireWriter writer, short version)
    {
        writer.I64(Offset);
        Error.Encode(writer, version);
    }
}

/// <summary>DeleteConsumerOffset (SPU key 1007): forget a consumer's offset on one partition.</summary>
public sealed record DeleteConsumerOffsetRequest(ReplicaKey Replica, string ConsumerId) : IWireCodec<DeleteConsumerOffsetRequest>
{
    public static DeleteConsumerOffsetRequest Decode(WireReader reader, short version) => new(ReplicaKey.Decode(reader), reader.String());

    public void Encode(WireWriter writer, short version)
    {
        Replica.Encode(writer);
        writer.String(ConsumerId);
    }
}

/// <summary>The answer to 1007 (and the error part of others): just an error code.</summary>
public sealed record ErrorResponse(ErrorCode Error) : IWireCodec<ErrorResponse>
{
    public static ErrorResponse Decode(WireReader reader, short version) => new(ErrorCode.Decode(reader, version));

    public void Encode(WireWriter writer, short version) => Error.Encode(writer, version);
}

/// <summary>FetchConsumerOffsets (SPU key 1008): an empty request for every consumer offset.</summary>
public sealed record FetchConsumerOffsetsRequest : IWireCodec<FetchConsumerOffsetsRequest>
{
    public static FetchConsumerOffsetsRequest Decode(WireReader reader, short version) => new();

    public void Encode(WireWriter writer, short version)
    {
    }
}

public sealed record FetchConsumerOffsetsResponse(ErrorCode Error, IReadOnlyList<ConsumerOffsetEntry> Consumers) : IWireCodec<FetchConsumerOffsetsResponse>
{
    public static FetchConsumerOffsetsResponse Decode(WireReader reader, short version) =>
        new(ErrorCode.Decode(reader, version), reader.List(ConsumerOffsetEntry.Decode));

    public void Encode(WireWriter writer, short version)
    {
        Error.Encode(writer, version);
        writer.List(Consumers, static (w, consumer) => consumer.Encode(w));
    }
}

/// <summary>One committed offset; <see cref="ModifiedTime"/> is milliseconds since the Unix epoch.</summary>
public sealed record ConsumerOffsetEntry(string ConsumerId, ReplicaKey Replica, long Offset, ulong ModifiedTime)
{
    public static ConsumerOffsetEntry Decode(WireReader reader) =>
        new(reader.String(), ReplicaKey.Decode(reader), reader.I64(), reader.U64());

    public void Encode(WireWriter writer)
    {
        writer.String(ConsumerId);
        Replica.Encode(writer);
        writer.I64(Offset);
        writer.U64(ModifiedTime);
    }
}
