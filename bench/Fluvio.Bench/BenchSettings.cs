using System.Globalization;

namespace Fluvio.Bench;

/// <summary>What to run: how many records, how big, over how many partitions, which durability mode.</summary>
internal sealed record BenchSettings(int Records, int RecordBytes, int Partitions, string FlushMode)
{
    public static BenchSettings Parse(string[] args)
    {
        var settings = new BenchSettings(1_000_000, 100, 1, "fsync");
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            string value = args[i + 1];
            settings = args[i] switch
            {
                "--records" => settings with { Records = int.Parse(value, CultureInfo.InvariantCulture) },
                "--size" => settings with { RecordBytes = int.Parse(value, CultureInfo.InvariantCulture) },
                "--partitions" => settings with { Partitions = int.Parse(value, CultureInfo.InvariantCulture) },
                "--flush-mode" => settings with { FlushMode = value },
                _ => throw new ArgumentException($"Unknown option {args[i]}."),
            };
        }
        return settings;
    }
}

/// <summary>One measured run.</summary>
internal sealed record Measurement(long Records, long Bytes, TimeSpan Elapsed)
{
    public double RecordsPerSecond => Records / Elapsed.TotalSeconds;
    public double MegabytesPerSecond => Bytes / Elapsed.TotalSeconds / 1e6;
}
