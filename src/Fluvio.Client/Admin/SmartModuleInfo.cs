namespace Fluvio.Client;

/// <summary>A SmartModule the cluster holds under a name (fluvio smartmodule list): its name and the bytes of its WASM.</summary>
public sealed record SmartModuleInfo(string Name, long Size);
