namespace Fluvio.Protocol.Native;

/// <summary>
/// UpdateOffsets request (SPU key 1005, version 0, wire protocol §5.5): a consumer telling the SPU
/// the next offset it needs on a stream (session id = the stream id). The SPU sends a stream's
/// next records only after this acknowledgement.
/// </summary>
public sealed record UpdateOffsetsRequest(IReadOnlyList<OffsetUpdate> Offsets) : IWireCodec<UpdateOffsetsRequest>
{
    public static UpdateOffsetsRequest Decode(WireReader reader, short version) => new(reader.List(OffsetUpdate.Decode));

    public void Encode(WireWriter writer, short version) => writer.List(Offsets, static (w, update) => update.Encode(w));
}

public sealed record OffsetUpdate(long Offset, uint SessionId)
{
    public static OffsetUpdate Decode(WireReader reader) => new(reader.I64(), reader.U32());

    public void Encode(WireWriter writer)
    {
        writer.I64(Offset);
        writer.U32(SessionId);
    }
}

/// <summary>One status per update, in order: None, or FetchSessionNotFoud for an unknown stream.</summary>
public sealed record UpdateOffsetsResponse(IReadOnlyList<OffsetUpdateStatus> Statuses) : IWireCodec<UpdateOffsetsResponse>
{
    public static UpdateOffsetsResponse Decode(WireReader reader, short version) =>
        new(reader.List(r => OffsetUpdateStatus.Decode(r, version)));

    public void Encode(WireWriter writer, short version) =>
        writer.List(Statuses, (w, status) => status.Encode(w, version));
}

public sealed record OffsetUpdateStatus(uint SessionId, ErrorCode Error)
{
    public static OffsetUpdateStatus Decode(WireReader reader, short version) => new(reader.U32(), ErrorCode.Decode(reader, version));

    public void Encode(WireWriter writer, short version)
    {
        writer.U32(SessionId);
        Error.Encode(writer, version);
    }
}
