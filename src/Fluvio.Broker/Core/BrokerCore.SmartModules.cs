using Fluvio.Broker.SmartModules;

namespace Fluvio.Broker.Core;

internal sealed partial class BrokerCore
{
    /// <summary>The SmartModule runtime and the stored modules; both doors' streams start their chains here.</summary>
    public SmartModuleEngine SmartModules { get; init; } = new(new SmartModuleLimits(), new SmartModuleStore(null));

    /// <summary>Stores a module under a name consumers can ask for; it must compile here first.</summary>
    public void CreateSmartModule(string name, ReadOnlyMemory<byte> wasm)
    {
        SmartModuleStore.Validate(name);
        if (!wasm.Span.StartsWith("\0asm"u8))
        {
            throw new SmartModuleException(SmartModuleFaultKind.Invalid, $"SmartModule '{name}' is not WebAssembly: a module starts with the bytes \\0asm.") { ModuleName = name };
        }
        SmartModules.Check(wasm, $"SmartModule '{name}'");
        if (!SmartModules.Stored.TryCreate(name, wasm.Span))
        {
            throw new SmartModuleException(SmartModuleFaultKind.Exists, $"SmartModule '{name}' already exists.") { ModuleName = name };
        }
    }

    public void DeleteSmartModule(string name)
    {
        if (!SmartModules.Stored.Delete(name))
        {
            throw new SmartModuleException(SmartModuleFaultKind.NotFound, $"SmartModule '{name}' not found.") { ModuleName = name };
        }
    }

    public IReadOnlyList<StoredSmartModule> ListSmartModules() => SmartModules.Stored.List();

    /// <summary>
    /// SmartModules on produce, as the SPU applies them to each partition entry: a fresh chain
    /// over the entry's batches, whose output (one batch, or nothing when every record was
    /// filtered out) is what gets appended. A failure refuses the whole entry.
    /// </summary>
    public ReadOnlyMemory<byte> ApplySmartModules(Func<SmartModuleChain> start, ReadOnlyMemory<byte> batches)
    {
        using var chain = start();
        var output = chain.Process(batches, int.MaxValue);
        return output.Failure is { } failure ? throw failure : output.Batch;
    }
}
