using System.Buffers;
using Fluvio.Broker.Core;
using Fluvio.Broker.SmartModules;
using Fluvio.Protocol.Compression;
using Fluvio.Protocol.Native;

namespace Fluvio.Broker.Native;

/// <summary>
/// SmartModule objects over the SC's Create, Delete and List (wire protocol §4.3–4.6), as
/// `fluvio smartmodule create/delete/list` send them: the spec's payload is the module
/// gzip-compressed; a summary list sends each module's length instead of its bytes.
/// </summary>
internal sealed class ScSmartModules(BrokerCore core)
{
    public ValueTask CreateAsync(NativeRequest request, CreateObjectRequest create)
    {
        try
        {
            var spec = SmartModuleSpec.Decode(new WireReader(create.Spec), request.Version);
            var wasm = core.SmartModules.Gunzip(spec.GzippedWasm);
            if (!create.DryRun)
            {
                core.CreateSmartModule(create.Name, wasm);
            }
            return request.RespondAsync(Status.Ok(create.Name));
        }
        catch (SmartModuleException e)
        {
            return request.RespondAsync(new Status(create.Name, ErrorOf(e), e.Message));
        }
    }

    public ValueTask DeleteAsync(NativeRequest request, DeleteObjectRequest delete)
    {
        try
        {
            core.DeleteSmartModule(delete.Key);
            return request.RespondAsync(Status.Ok(delete.Key));
        }
        catch (SmartModuleException e)
        {
            return request.RespondAsync(new Status(delete.Key, ErrorOf(e), e.Message));
        }
    }

    /// <summary>The stored modules as metadata objects: with a summary, their length; else their bytes, gzipped again.</summary>
    public IReadOnlyList<MetadataObject> List(bool summary) =>
        [.. core.ListSmartModules().Select(module => new MetadataObject(module.Name, (writer, version) =>
        {
            var spec = summary
                ? new SmartModuleSpec(null, (uint)module.Size, 0, ReadOnlyMemory<byte>.Empty)
                : new SmartModuleSpec(null, null, 0, Gzip(core.SmartModules.Stored.Read(module.Name).Span));
            new Metadata<SmartModuleSpec, SmartModuleStatus>(module.Name, spec, new SmartModuleStatus()).Encode(writer, version);
        }))];

    private static ErrorCode ErrorOf(SmartModuleException e) => e.Kind switch
    {
        SmartModuleFaultKind.NotFound => ErrorCode.SmartModuleNotFound(e.ModuleName ?? ""),
        SmartModuleFaultKind.Exists => ErrorCode.Of(ErrorCodes.SmartModuleError),
        _ => NativeSmartModules.ToErrorCode(e),
    };

    private static byte[] Gzip(ReadOnlySpan<byte> wasm)
    {
        var output = new ArrayBufferWriter<byte>(wasm.Length / 2 + 64);
        BatchCompression.Compress(CompressionCodec.Gzip, wasm, output);
        return output.WrittenSpan.ToArray();
    }
}
