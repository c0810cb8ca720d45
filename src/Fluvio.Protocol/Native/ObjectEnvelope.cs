namespace Fluvio.Protocol.Native;

/// <summary>
/// The SC's "dynamic object" envelope, TypeBuffer (wire protocol §4.2): the object kind's label,
/// a u32 length, and the typed request or response encoded with the same api_version. Used by
/// Create, Delete, List, Watch and Update from version 11 on; older versions used a different
/// ("classic") layout that this codec does not read.
/// </summary>
public sealed record ObjectEnvelope(string Label, ReadOnlyMemory<byte> Body)
{
    /// <summary>The first api_version with this envelope (Fluvio's DYN_OBJ).</summary>
    public const short FirstVersion = 11;

    public static ObjectEnvelope Decode(WireReader reader, short version)
    {
        if (version < FirstVersion)
        {
            throw new WireFormatException($"Object requests before version {FirstVersion} use the classic encoding, which is not supported (version {version} given).");
        }
        string label = reader.String();
        uint length = reader.U32();
        if (length > reader.Remaining)
        {
            throw new WireFormatException($"The '{label}' object body claims {length} bytes, {reader.Remaining} are left.");
        }
        return new ObjectEnvelope(label, reader.Take((int)length));
    }

    /// <summary>Writes label, length and the body <paramref name="body"/> writes.</summary>
    public static void Write(WireWriter writer, string label, Action<WireWriter> body)
    {
        writer.String(label);
        int length = writer.ReserveLength();
        body(writer);
        writer.PatchLength(length);
    }

    public void Encode(WireWriter writer) => Write(writer, Label, w => w.Raw(Body.Span));

    public WireReader Reader() => new(Body);
}

/// <summary>The labels of the object kinds (§4.2).</summary>
public static class ObjectLabel
{
    public const string Topic = "Topic";
    public const string Partition = "Partition";
    public const string Spu = "SPU";
    public const string CustomSpu = "CustomSpu";
    public const string SpuGroup = "SpuGroup";
    public const string SmartModule = "SmartModule";
    public const string TableFormat = "TableFormat";
    public const string Mirror = "Mirror";
}
