namespace Fluvio.Broker.SmartModules;

/// <summary>
/// What one SmartModule may cost. Fuel is Wasmtime's count of executed instructions: the budget
/// is given afresh to every call (one batch), so a module that loops ends that call within about
/// a third of a second, on this machine's ~3·10⁹ fuel per second, while a real filter over a
/// 1 MiB batch of small records uses a few 10⁷. Memory is per stream (one Wasmtime store holds
/// the chain), checked as the module grows it.
/// </summary>
internal sealed record SmartModuleLimits
{
    public ulong FuelPerCall { get; init; } = 1_000_000_000;

    public long MemoryBytesPerStream { get; init; } = 64L * 1024 * 1024;

    /// <summary>The largest module accepted, after gzip decompression.</summary>
    public int MaxModuleBytes { get; init; } = 32 * 1024 * 1024;

    /// <summary>
    /// The most stored bytes one module's lookback reads: the newest batches up to this size,
    /// whatever last or age asks for (a last of i64::MAX or an age of years over a large
    /// partition reads at most this much). The SPU has no such limit; it reads them all into one call.
    /// </summary>
    public long LookbackMaxBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>
    /// About how many record bytes go to look_back in one call: the records are read batch by
    /// batch and handed over in chunks of this size (a single stored batch may make one larger),
    /// all the calls of one lookback sharing one call's fuel.
    /// </summary>
    public int LookbackChunkBytes { get; init; } = 1024 * 1024;

    /// <summary>Compiled modules kept; a broker that sees more forgets them all and compiles again.</summary>
    public int CachedModules { get; init; } = 64;
}
