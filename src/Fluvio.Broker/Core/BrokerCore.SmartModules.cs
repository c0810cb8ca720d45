using Fluvio.Broker.SmartModules;
using Fluvio.Storage;

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
    /// SmartModules on produce, as the SPU applies them to each partition entry: the entry is
    /// checked as any append is (a damaged batch is refused, not transformed and stored under a
    /// fresh CRC; a batch cannot claim more offsets than its bytes hold), then a fresh chain runs
    /// over it, and its output (one batch, or nothing when every record was filtered out) is what
    /// gets appended, through <see cref="AppendAsync(PartitionLog, ReadOnlyMemory{byte}, long)"/>
    /// with the entry's claim. A failure refuses the whole entry.
    /// </summary>
    public (ReadOnlyMemory<byte> Output, long Claimed) ApplySmartModules(PartitionLog log, Func<SmartModuleChain> start, ReadOnlyMemory<byte> batches)
    {
        long claimed = log.CheckAppend(batches);
        using var chain = start();
        var output = chain.Process(batches, int.MaxValue);
        return output.Failure is { } failure ? throw failure : (output.Batch, claimed);
    }
}
