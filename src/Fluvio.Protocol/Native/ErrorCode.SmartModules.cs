namespace Fluvio.Protocol.Native;

/// <summary>The SmartModule error variants (wire protocol §7, tags 6001–6008) with their payloads.</summary>
public sealed partial class ErrorCode
{
    /// <summary>SmartModuleNotFound { name }: a predefined module the cluster does not hold.</summary>
    public static ErrorCode SmartModuleNotFound(string name) => WithPayload(6001, w => w.String(Truncate(name)));

    /// <summary>SmartModuleInvalid { error, name }: the module could not be read (bad gzip, not WASM).</summary>
    public static ErrorCode SmartModuleInvalid(string error, string? name) => WithPayload(6002, w =>
    {
        w.String(Truncate(error));
        w.OptionalString(name is null ? null : Truncate(name));
    });

    /// <summary>
    /// SmartModuleRuntimeError(SmartModuleTransformRuntimeError { hint, offset, kind, record_key,
    /// record_value }): a record the module failed on. <paramref name="kind"/> is the error
    /// flavour of SmartModuleKind: 0 Filter, 1 Map, 2 ArrayMap, 3 Aggregate, 4 FilterMap, 5 Join, 6 Generic.
    /// </summary>
    public static ErrorCode SmartModuleRuntimeError(string hint, long offset, byte kind, ReadOnlyMemory<byte>? key, ReadOnlyMemory<byte> value) =>
        WithPayload(6004, w =>
        {
            w.String(Truncate(hint));
            w.I64(offset);
            w.U8(kind);
            w.Bool(key is not null);
            if (key is { } k)
            {
                w.Varint(k.Length);
                w.Raw(k.Span);
            }
            w.Varint(value.Length);
            w.Raw(value.Span);
        });

    /// <summary>SmartModuleChainInitError(String): the chain could not be built (no transform export, instantiation failed).</summary>
    public static ErrorCode SmartModuleChainInitError(string message) => WithPayload(6005, w => w.String(Truncate(message)));

    /// <summary>SmartModuleInitError(SmartModuleInitRuntimeError { hint }): the module's init refused its parameters.</summary>
    public static ErrorCode SmartModuleInitError(string hint) => WithPayload(6006, w => w.String(Truncate(hint)));

    /// <summary>SmartModuleLookBackError(String).</summary>
    public static ErrorCode SmartModuleLookBackError(string message) => WithPayload(6007, w => w.String(Truncate(message)));

    /// <summary>SmartModuleMemoryLimitExceeded { requested, max }, in bytes.</summary>
    public static ErrorCode SmartModuleMemoryLimitExceeded(ulong requested, ulong max) => WithPayload(6008, w =>
    {
        w.U64(requested);
        w.U64(max);
    });

    private static ErrorCode WithPayload(short code, Action<WireWriter> payload)
    {
        var writer = new WireWriter();
        payload(writer);
        return new ErrorCode(code, writer.ToArray());
    }
}
