namespace Fluvio.Protocol.Native;

/// <summary>
/// A SmartModule object of the SC (fluvio-controlplane-metadata 0.11.11, smartmodule/spec.rs),
/// from version 10: meta: Option&lt;SmartModuleMetadata&gt; (a hub package's name, group, version…,
/// kept as its encoded bytes), summary: Option&lt;{ wasm_length: u32 }&gt; (what a summary list
/// sends instead of the module), wasm: { format: u8 (0 Binary, 1 Text), payload: the module,
/// gzip-compressed }. The CLI's `fluvio smartmodule create` sends no meta and no summary.
/// </summary>
public sealed record SmartModuleSpec(ReadOnlyMemory<byte>? Meta, uint? WasmLength, byte Format, ReadOnlyMemory<byte> GzippedWasm) : IWireCodec<SmartModuleSpec>
{
    /// <summary>Before this the SC used SmartModuleSpecV1 (input/output kinds, source code), which this codec does not read.</summary>
    public const short FirstVersion = 10;

    public static SmartModuleSpec Decode(WireReader reader, short version)
    {
        if (version < FirstVersion)
        {
            throw new WireFormatException($"SmartModule objects before version {FirstVersion} use the first spec format, which is not supported (version {version} given).");
        }
        ReadOnlyMemory<byte>? meta = null;
        if (reader.Present())
        {
            int start = reader.Position;
            SkipMetadata(reader, version);
            meta = reader.Since(start);
        }
        uint? length = reader.Present() ? reader.U32() : null;
        byte format = reader.U8();
        return new SmartModuleSpec(meta, length, format, reader.ByteVector());
    }

    public void Encode(WireWriter writer, short version)
    {
        writer.Bool(Meta is not null);
        if (Meta is { } meta)
        {
            writer.Raw(meta.Span);
        }
        writer.Bool(WasmLength is not null);
        if (WasmLength is { } length)
        {
            writer.U32(length);
        }
        writer.U8(Format);
        writer.ByteVector(GzippedWasm.Span);
    }

    // SmartModuleMetadata { package: { name, group, version, api_version (semver as String),
    // description, license: Option<String>, visibility: u8 (from 19), repository: Option<String> },
    // params: BTreeMap<String, { description: Option<String>, optional: bool }> }.
    private static void SkipMetadata(WireReader reader, short version)
    {
        reader.String();
        reader.String();
        reader.String();
        reader.String();
        reader.OptionalString();
        reader.OptionalString();
        if (version >= 19)
        {
            reader.U8();
        }
        reader.OptionalString();
        for (int count = reader.U16(); count > 0; count--)
        {
            reader.String();
            reader.OptionalString();
            reader.Bool();
        }
    }
}

/// <summary>SmartModuleStatus: an empty struct, no bytes.</summary>
public sealed record SmartModuleStatus : IWireCodec<SmartModuleStatus>
{
    public static SmartModuleStatus Decode(WireReader reader, short version) => new();

    public void Encode(WireWriter writer, short version)
    {
    }
}
