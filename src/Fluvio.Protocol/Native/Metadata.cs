namespace Fluvio.Protocol.Native;

/// <summary>
/// An object as List and Watch carry it (wire protocol §4.5): its name (the index key as text),
/// spec and status.
/// </summary>
public sealed record Metadata<TSpec, TStatus>(string Name, TSpec Spec, TStatus Status)
    : IWireCodec<Metadata<TSpec, TStatus>>
    where TSpec : IWireCodec<TSpec>
    where TStatus : IWireCodec<TStatus>
{
    public static Metadata<TSpec, TStatus> Decode(WireReader reader, short version) =>
        new(reader.String(), TSpec.Decode(reader, version), TStatus.Decode(reader, version));

    public void Encode(WireWriter writer, short version)
    {
        writer.String(Name);
        Spec.Encode(writer, version);
        Status.Encode(writer, version);
    }
}

/// <summary>Message header (u8): what a change does to the named object.</summary>
public enum MessageType : byte
{
    Update = 0,
    Delete = 1,
}

/// <summary>
/// One frame of a Watch stream (MetadataUpdate, §4.6). A client replaces its store with
/// <see cref="All"/> when that is non-empty, otherwise applies <see cref="Changes"/>; a frame with
/// both empty changes nothing.
/// </summary>
public sealed record MetadataUpdate<TSpec, TStatus>(
    long Epoch,
    IReadOnlyList<(MessageType Type, Metadata<TSpec, TStatus> Object)> Changes,
    IReadOnlyList<Metadata<TSpec, TStatus>> All) : IWireCodec<MetadataUpdate<TSpec, TStatus>>
    where TSpec : IWireCodec<TSpec>
    where TStatus : IWireCodec<TStatus>
{
    public static MetadataUpdate<TSpec, TStatus> Decode(WireReader reader, short version) => new(
        reader.I64(),
        reader.List(r => (ReadType(r), Metadata<TSpec, TStatus>.Decode(r, version))),
        reader.List(r => Metadata<TSpec, TStatus>.Decode(r, version)));

    public void Encode(WireWriter writer, short version)
    {
        writer.I64(Epoch);
        writer.List(Changes, (w, change) =>
        {
            w.U8((byte)change.Type);
            change.Object.Encode(w, version);
        });
        writer.List(All, (w, item) => item.Encode(w, version));
    }

    private static MessageType ReadType(WireReader reader) => reader.U8() switch
    {
        0 => MessageType.Update,
        1 => MessageType.Delete,
        var tag => throw new WireFormatException($"Unknown message type {tag}."),
    };
}

/// <summary>The answer to a List (§4.5), inside the envelope: every matching object.</summary>
public sealed record ListResponse<TSpec, TStatus>(IReadOnlyList<Metadata<TSpec, TStatus>> Objects)
    : IWireCodec<ListResponse<TSpec, TStatus>>
    where TSpec : IWireCodec<TSpec>
    where TStatus : IWireCodec<TStatus>
{
    public static ListResponse<TSpec, TStatus> Decode(WireReader reader, short version) =>
        new(reader.List(r => Metadata<TSpec, TStatus>.Decode(r, version)));

    public void Encode(WireWriter writer, short version) =>
        writer.List(Objects, (w, item) => item.Encode(w, version));
}
