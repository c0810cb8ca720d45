namespace Fluvio.Client;

/// <summary>
/// A SmartModule a read asks the cluster to run over the records before they are sent: a module
/// the cluster holds (<see cref="Name"/>), or the WebAssembly itself (<see cref="Wasm"/>). The
/// cluster finds the transform by the module's exports (filter, map, filter_map, array_map,
/// aggregate); <see cref="Parameters"/> go to its init, <see cref="AggregateInitial"/> is an
/// aggregate's first accumulator. As the CLI's --smartmodule / --smartmodule-path, -e, --aggregate-initial.
/// </summary>
public sealed record SmartModuleSpec
{
    public string? Name { get; init; }

    /// <summary>The module's bytes as compiled (the native transport gzips them, as the CLI does).</summary>
    public ReadOnlyMemory<byte> Wasm { get; init; }

    public IReadOnlyDictionary<string, string>? Parameters { get; init; }

    /// <summary>The aggregate's initial accumulator, as UTF-8 (the CLI's --aggregate-initial); null: empty.</summary>
    public string? AggregateInitial { get; init; }

    /// <summary>Records the module reads through its look_back export before the stream; null: none (the CLI sets it only from a transforms file).</summary>
    public SmartModuleLookback? Lookback { get; init; }

    public static SmartModuleSpec Named(string name) => new() { Name = name };

    public static SmartModuleSpec FromWasm(ReadOnlyMemory<byte> wasm) => new() { Wasm = wasm };

    internal void Validate()
    {
        FluvioClientOptions.Require(Name is null || Wasm.IsEmpty, nameof(Name), "and Wasm cannot both be given: a SmartModule is a stored one or ad hoc");
        FluvioClientOptions.Require(Name is not null || !Wasm.IsEmpty, nameof(Wasm), "is required when no SmartModule name is given");
        FluvioClientOptions.Require(Name is null || Name.Trim().Length > 0, nameof(Name), "cannot be empty");
        // Every module starts with the WebAssembly magic: a text file or a gzip given by mistake is refused here, not by the cluster.
        FluvioClientOptions.Require(Wasm.IsEmpty || Wasm.Span.StartsWith("\0asm"u8), nameof(Wasm), "is not a WebAssembly module (it does not start with \\0asm)");
        Lookback?.Validate();
    }
}
