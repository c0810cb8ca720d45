using Google.Protobuf;
using Proto = Fluvio.Protocol.Grpc;

namespace Fluvio.Client;

/// <summary>Stored SmartModules over the broker's SmartModuleAdmin service.</summary>
internal sealed partial class GrpcTransport
{
    public async Task<SmartModuleInfo> CreateSmartModuleAsync(string name, ReadOnlyMemory<byte> wasm, CancellationToken ct)
    {
        var request = new Proto.CreateSmartModuleRequest { Name = name, Wasm = ByteString.CopyFrom(wasm.Span) };
        var created = await UnaryAsync(o => _smartModuleAdmin.CreateSmartModuleAsync(request, o), name, ct).ConfigureAwait(false);
        return new SmartModuleInfo(created.Name, created.Size);
    }

    public async Task<IReadOnlyList<SmartModuleInfo>> ListSmartModulesAsync(CancellationToken ct)
    {
        var response = await UnaryAsync(o => _smartModuleAdmin.ListSmartModulesAsync(new Proto.ListSmartModulesRequest(), o), null, ct).ConfigureAwait(false);
        return [.. response.Smartmodules.Select(m => new SmartModuleInfo(m.Name, m.Size)).OrderBy(m => m.Name, StringComparer.Ordinal)];
    }

    public Task DeleteSmartModuleAsync(string name, CancellationToken ct) =>
        UnaryAsync(o => _smartModuleAdmin.DeleteSmartModuleAsync(new Proto.DeleteSmartModuleRequest { Name = name }, o), name, ct);
}
