using System.Diagnostics;
using System.Globalization;

namespace Fluvio.Bench;

/// <summary>What case 7 measured.</summary>
/// <param name="ClientMb">The PowerShell process's peak working set.</param>
/// <param name="ClientLiveMb">Its managed heap after a full, compacting collection at the end: what it still holds.</param>
/// <param name="BrokerCaseMb">The broker's resident high-water mark during case 7 alone (reset before it).</param>
/// <param name="BrokerLifetimeMb">The broker's high-water mark over its whole life, cases 1-6 included.</param>
internal sealed record MemoryPeaks(double ClientMb, double ClientLiveMb, double BrokerCaseMb, double BrokerLifetimeMb, TimeSpan Elapsed);

/// <summary>
/// Case 7: peak memory while PowerShell sends N records (Send-FluvioRecord -Path) and receives
/// them (Receive-FluvioRecord | Invoke-NullSink). The PowerShell side runs in a child process of
/// its own so its peak is not mixed with this harness's; the broker's peak is its VmHWM, read
/// before the case (its whole life so far, the producer cases' included) and reset then, through
/// /proc/pid/clear_refs, so that the case's own peak is read after it.
/// </summary>
internal static class PeakMemory
{
    public const string ChildFlag = "--memory-child";

    public static MemoryPeaks Run(Uri endpoint, int brokerPid, string topic, int records)
    {
        string file = Path.GetTempFileName();
        try
        {
            using (var writer = new StreamWriter(file))
            {
                for (int i = 0; i < records; i++)
                {
                    writer.WriteLine($"account-{i % 1000:D4}=Deposit {i % 100000,8}.00");
                }
            }
            double before = BrokerPeakMb(brokerPid);
            // "5" resets the peak resident set to the current one (Linux 4.0 and later).
            File.WriteAllText($"/proc/{brokerPid}/clear_refs", "5");
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
            foreach (string arg in new[] { typeof(PeakMemory).Assembly.Location, ChildFlag, endpoint.ToString(), topic, file })
            {
                start.ArgumentList.Add(arg);
            }
            var clock = Stopwatch.StartNew();
            using var child = Process.Start(start)!;
            string output = child.StandardOutput.ReadToEnd().Trim();
            child.WaitForExit();
            clock.Stop();
            if (child.ExitCode != 0)
            {
                throw new InvalidOperationException($"The memory child failed: {output}");
            }
            var figures = output.Split(' ');
            double during = BrokerPeakMb(brokerPid);
            return new MemoryPeaks(
                double.Parse(figures[0], CultureInfo.InvariantCulture),
                double.Parse(figures[1], CultureInfo.InvariantCulture),
                during,
                Math.Max(before, during),
                clock.Elapsed);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>In the child: send the file, read it all back, print this process's peak working set and its live heap in MB.</summary>
    public static int Child(string[] args)
    {
        using var shell = new PowerShellSession(new Uri(args[1]));
        shell.Time($"Send-FluvioRecord -Topic {args[2]} -Path '{args[3]}' -KeySeparator '='");
        shell.Time($"Receive-FluvioRecord -Topic {args[2]} | Invoke-NullSink");
        using var self = Process.GetCurrentProcess();
        double peak = self.PeakWorkingSet64 / 1e6;
        double live = GC.GetTotalMemory(forceFullCollection: true) / 1e6;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{peak:F0} {live:F0}"));
        return 0;
    }

    private static double BrokerPeakMb(int pid)
    {
        // VmHWM: the resident set's high-water mark (since the start, or since the last reset).
        foreach (string line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1e3;
            }
        }
        return double.NaN;
    }
}
