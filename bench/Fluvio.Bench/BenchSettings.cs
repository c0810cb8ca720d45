namespace Fluvio.Bench;

/// <summary>
/// How much each case does. Quick (the default) finishes in under five minutes on this
/// 2-core machine; full runs the sizes the issue names.
/// </summary>
internal sealed record BenchSettings(string Mode, int Records, int LargeRecords, int PipelineLines, int MemoryRecords, long RecoveryBytes, string FlushMode)
{
    /// <summary>Case 4: records per producer per round; cases 4 and 8: rounds (official, then ours, alternating).</summary>
    public int OfficialRecords { get; init; } = 500_000;

    public int OfficialRounds { get; init; } = 2;

    /// <summary>Case 5: alternating rounds of each reader (records and batches; Receive-FluvioRecord and the emitter).</summary>
    public int ReadRounds { get; init; } = 3;

    /// <summary>Case 6's log in the full run: 1 GB of values, ~1.01 GB stored, inside one 1 GiB segment (1 GiB of values rolled a second one, and recovery scans only the active segment).</summary>
    private const long RecoveryFullBytes = 1_000_000_000;

    public static BenchSettings Parse(string[] args)
    {
        bool full = args.Contains("--full");
        string flushMode = args.SkipWhile(a => a != "--flush-mode").Skip(1).FirstOrDefault() ?? "fsync";
        return full
            ? new BenchSettings("full", 1_000_000, 1_000_000, 1_000_000, 10_000_000, RecoveryFullBytes, flushMode) { OfficialRecords = 1_000_000, OfficialRounds = 3 }
            : new BenchSettings("quick", 1_000_000, 200_000, 1_000_000, 2_000_000, 256L << 20, flushMode);
    }
}

/// <summary>One measured run.</summary>
internal sealed record Measurement(long Records, long Bytes, TimeSpan Elapsed)
{
    public Latency? Latency { get; init; }
    public double RecordsPerSecond => Records / Elapsed.TotalSeconds;
    public double MegabytesPerSecond => Bytes / Elapsed.TotalSeconds / 1e6;

    /// <summary>The faster of the best so far and a new round (the comparisons keep each side's best).</summary>
    public static Measurement Faster(Measurement? best, Measurement m) =>
        best is null || m.RecordsPerSecond > best.RecordsPerSecond ? m : best;
}
