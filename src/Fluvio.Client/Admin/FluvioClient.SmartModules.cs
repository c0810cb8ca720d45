namespace Fluvio.Client;

/// <summary>SmartModules stored on the cluster under a name, for reads to ask for (fluvio smartmodule create/list/delete).</summary>
public sealed partial class FluvioClient
{
    public async Task<SmartModuleInfo> CreateSmartModuleAsync(string name, ReadOnlyMemory<byte> wasm, CancellationToken ct = default)
    {
        RequireName(name, "SmartModule name");
        FluvioClientOptions.Require(wasm.Span.StartsWith("\0asm"u8), nameof(wasm), "is not a WebAssembly module (it does not start with \\0asm)");
        ThrowIfDisposed();
        return await _transport.CreateSmartModuleAsync(name, wasm, ct).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<SmartModuleInfo>> ListSmartModulesAsync(CancellationToken ct = default)
    {
        ThrowIfDisposed();
        return _transport.ListSmartModulesAsync(ct);
    }

    public async Task DeleteSmartModuleAsync(string name, CancellationToken ct = default)
    {
        RequireName(name, "SmartModule name");
        ThrowIfDisposed();
        await _transport.DeleteSmartModuleAsync(name, ct).ConfigureAwait(false);
    }
}
