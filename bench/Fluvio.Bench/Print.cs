namespace Fluvio.Bench;

/// <summary>The report's line formats: one line per measurement, per ratio, per case skipped.</summary>
internal static class Print
{
    public static void Measurement(string name, Measurement m) =>
        Console.WriteLine($"{name,-34} {m.Records,10:N0} records in {m.Elapsed.TotalSeconds,6:F2} s: {m.RecordsPerSecond,11:N0} records/s, {m.MegabytesPerSecond,7:F1} MB/s{(m.Latency is { } l ? $", {l}" : "")}");

    public static void Ratio(string name, object ratio, double target) =>
        Console.WriteLine($"{name,-34} {ratio} (target ≥ {target:0.0#})");

    public static void NotMeasured(string name, string why) =>
        Console.WriteLine($"{name,-34} not measured: {why}");
}
