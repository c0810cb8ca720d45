using Xunit.Abstractions;

namespace Fluvio.Reliability.Tests;

/// <summary>
/// The numbers a run produces (cycles, records lost, bytes cut, fuzz inputs): written to the
/// test output and appended to artifacts/reliability/figures-&lt;mode&gt;.txt, so a full run leaves
/// a record of what it proved.
/// </summary>
internal static class Figures
{
    private static readonly object Lock = new();

    public static void Report(ITestOutputHelper output, string test, string line)
    {
        string text = $"{DateTime.UtcNow:yyyy-MM-ddTHH:mm:ssZ} [{Mode.Name}, seed {Mode.Seed}] {test}: {line}";
        output.WriteLine(text);
        string directory = Path.Combine(Repo.Root, "artifacts", "reliability");
        lock (Lock)
        {
            Directory.CreateDirectory(directory);
            File.AppendAllText(Path.Combine(directory, $"figures-{Mode.Name}.txt"), text + Environment.NewLine);
        }
    }
}
