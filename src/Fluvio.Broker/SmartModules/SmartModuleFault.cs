namespace Fluvio.Broker.SmartModules;

/// <summary>Which of Fluvio's SmartModule errors (wire protocol §7, 6001–6008) a failure is.</summary>
internal enum SmartModuleFaultKind
{
    /// <summary>6001: a named module the broker does not hold.</summary>
    NotFound,

    /// <summary>6002: the bytes are not a module (bad gzip, not WebAssembly).</summary>
    Invalid,

    /// <summary>A module of that name is stored already (the native door says SmartModuleError, 6000).</summary>
    Exists,

    /// <summary>6005: the chain could not be built (no transform export, missing alloc or memory, instantiation failed).</summary>
    ChainInit,

    /// <summary>6006: the module's init refused its parameters.</summary>
    Init,

    /// <summary>6004: a trap, an exhausted fuel budget, a bad output, or an error record the module returned.</summary>
    Runtime,

    /// <summary>6007: a module's lookback failed (its look_back returned an error or trapped, or the records could not be read).</summary>
    LookBack,

    /// <summary>6008: the module's memory would have grown past the store's limit.</summary>
    MemoryLimit,
}

/// <summary>
/// A SmartModule failed: what a door turns into Fluvio's error for its wire (the native door's
/// ErrorCode with its payload, the gRPC door's SmartModule reason). Only the stream that ran the
/// module ends with it.
/// </summary>
internal sealed class SmartModuleException(SmartModuleFaultKind kind, string message) : Exception(message)
{
    public SmartModuleFaultKind Kind { get; } = kind;

    /// <summary>The module's name, when it was a stored one.</summary>
    public string? ModuleName { get; init; }

    /// <summary>For runtime errors: the record the failure is about (the batch's first when the host stopped the module).</summary>
    public AbiRuntimeError? Record { get; init; }

    /// <summary>For memory-limit errors: at least this many bytes were asked for, and the limit.</summary>
    public (ulong Requested, ulong Max)? Memory { get; init; }
}
