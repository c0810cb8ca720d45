using System.Buffers;
using Fluvio.Protocol.Compression;
using Fluvio.Protocol.Native;

namespace Fluvio.Client;

/// <summary>
/// Stored SmartModules as SC objects (label "SmartModule"), as `fluvio smartmodule create/list/
/// delete` (0.11.11) send them: Create with a spec of no meta and the module gzip-compressed,
/// List as a summary (each module's length, not its bytes), Delete by name.
/// </summary>
internal sealed partial class NativeTransport
{
    public Task<SmartModuleInfo> CreateSmartModuleAsync(string name, ReadOnlyMemory<byte> wasm, CancellationToken ct) => CallAsync(async () =>
    {
        var cluster = await _sc.GetAsync(ct).ConfigureAwait(false);
        short version = cluster.Socket.VersionFor((ushort)ScApiKey.Create, 9, FluvioApiVersions.ScCurrentVersion, -1);
        RequireEnvelope(version, cluster.Socket);
        var spec = new WireWriter(wasm.Length / 2 + 64);
        new Protocol.Native.SmartModuleSpec(null, null, 0, Gzip(wasm.Span)).Encode(spec, version);
        var create = new CreateObjectRequest(name, false, null, spec.ToArray());
        await StatusAsync(cluster.Socket, ScApiKey.Create, version, ObjectLabel.SmartModule, w => create.Encode(w, version), $"SmartModule '{name}'", ct).ConfigureAwait(false);
        return new SmartModuleInfo(name, wasm.Length);
    }, ct);

    public Task<IReadOnlyList<SmartModuleInfo>> ListSmartModulesAsync(CancellationToken ct) => CallAsync(async () =>
    {
        var cluster = await _sc.GetAsync(ct).ConfigureAwait(false);
        short version = cluster.Socket.VersionFor((ushort)ScApiKey.List, Protocol.Native.SmartModuleSpec.FirstVersion, FluvioApiVersions.ScCurrentVersion, -1);
        RequireEnvelope(version, cluster.Socket);
        var list = new ListObjectsRequest([], Summary: true, System: false);
        var reader = await cluster.Socket.RequestAsync((ushort)ScApiKey.List, version,
            w => ObjectEnvelope.Write(w, ObjectLabel.SmartModule, body => list.Encode(body, version)), ct).ConfigureAwait(false);
        var envelope = ObjectEnvelope.Decode(reader, version);
        var modules = envelope.Reader().List(r => Metadata<Protocol.Native.SmartModuleSpec, SmartModuleStatus>.Decode(r, version));
        return (IReadOnlyList<SmartModuleInfo>)[.. modules
            .Select(m => new SmartModuleInfo(m.Name, m.Spec.WasmLength ?? (long)m.Spec.GzippedWasm.Length))
            .OrderBy(m => m.Name, StringComparer.Ordinal)];
    }, ct);

    public Task DeleteSmartModuleAsync(string name, CancellationToken ct) => CallAsync(async () =>
    {
        var cluster = await _sc.GetAsync(ct).ConfigureAwait(false);
        short version = cluster.Socket.VersionFor((ushort)ScApiKey.Delete, 1, FluvioApiVersions.ScCurrentVersion, -1);
        RequireEnvelope(version, cluster.Socket);
        var delete = new DeleteObjectRequest(name, false);
        await StatusAsync(cluster.Socket, ScApiKey.Delete, version, ObjectLabel.SmartModule, w => delete.Encode(w, version), $"SmartModule '{name}'", ct).ConfigureAwait(false);
    }, ct);

    private static byte[] Gzip(ReadOnlySpan<byte> wasm)
    {
        var output = new ArrayBufferWriter<byte>(wasm.Length / 2 + 64);
        BatchCompression.Compress(CompressionCodec.Gzip, wasm, output);
        return output.WrittenSpan.ToArray();
    }
}
