namespace Fluvio.Reliability.Tests;

/// <summary>
/// Quick (the default, for CI: the whole project in under three minutes) or full
/// (<c>FLUVIO_RELIABILITY=full</c>: many more cycles and fuzz inputs, for a release check).
/// </summary>
internal static class Mode
{
    public static bool Full { get; } = string.Equals(Environment.GetEnvironmentVariable("FLUVIO_RELIABILITY"), "full", StringComparison.OrdinalIgnoreCase);

    public static string Name => Full ? "full" : "quick";

    public static int Pick(int quick, int full) => Full ? full : quick;

    public static TimeSpan Pick(TimeSpan quick, TimeSpan full) => Full ? full : quick;

    /// <summary>A seed printed with every randomized test, so a failure can be replayed (FLUVIO_RELIABILITY_SEED).</summary>
    public static int Seed { get; } = int.TryParse(Environment.GetEnvironmentVariable("FLUVIO_RELIABILITY_SEED"), out int seed) ? seed : Environment.TickCount;

    /// <summary>The test's random source, its seed printed first with how to replay it.</summary>
    public static Random SeededRandom(Xunit.Abstractions.ITestOutputHelper output)
    {
        output.WriteLine($"seed {Seed} ({Name} mode); replay with FLUVIO_RELIABILITY_SEED={Seed}");
        return new Random(Seed);
    }
}
