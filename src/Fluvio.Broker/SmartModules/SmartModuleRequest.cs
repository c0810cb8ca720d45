using Fluvio.Protocol.Native;

namespace Fluvio.Broker.SmartModules;

/// <summary>
/// One module of a chain, as both doors hand it to the core: a stored module's name or the WASM
/// itself (already gunzipped), the aggregate's initial accumulator, the parameters given to init,
/// and the records its look_back reads before the first batch (<see cref="SmartModuleLookbackReader"/>).
/// </summary>
internal sealed record SmartModuleRequest(
    string? Name,
    ReadOnlyMemory<byte> Wasm,
    ReadOnlyMemory<byte>? Accumulator,
    IReadOnlyDictionary<string, string> Parameters,
    SmartModuleLookback? Lookback = null);
