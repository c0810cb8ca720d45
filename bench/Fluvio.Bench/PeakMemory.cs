using System.Diagnostics;
using System.Globalization;

namespace Fluvio.Bench;

/// <summary>
/// Case 7: peak memory while PowerShell sends N records (Send-FluvioRecord -Path) and receives
/// them (Receive-FluvioRecord | Invoke-NullSink). The PowerShell side runs in a child process of
/// its own so its peak is not mixed with this harness's; the broker's peak is its VmHWM.
/// </summary>
internal static class PeakMemory
{
    public const string ChildFlag = "--memory-child";

    public static (double ClientMb, double BrokerMb, TimeSpan Elapsed) Run(Uri endpoint, int brokerPid, string topic, int records)
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
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
            foreach (string arg in new[] { typeof(PeakMemory).Assembly.Location, ChildFlag, endpoint.ToString(), topic, file })
            {
                start.ArgumentList.Add(arg);
            }
            var clock = Stopwatch.StartNew();
            using var child = Process.Start(start)!;
            string peak = child.StandardOutput.ReadToEnd().Trim();
            child.WaitForExit();
            clock.Stop();
            if (child.ExitCode != 0)
            {
                throw new InvalidOperationException($"The memory child failed: {peak}");
            }
            return (double.Parse(peak, CultureInfo.InvariantCulture), BrokerPeakMb(brokerPid), clock.Elapsed);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>In the child: send the file, read it all back, print this process's peak working set in MB.</summary>
    public static int Child(string[] args)
    {
        using var shell = new PowerShellSession(new Uri(args[1]));
        shell.Time($"Send-FluvioRecord -Topic {args[2]} -Path '{args[3]}' -KeySeparator '='");
        shell.Time($"Receive-FluvioRecord -Topic {args[2]} | Invoke-NullSink");
        using var self = Process.GetCurrentProcess();
        Console.WriteLine((self.PeakWorkingSet64 / 1e6).ToString("F0", CultureInfo.InvariantCulture));
        return 0;
    }

    private static double BrokerPeakMb(int pid)
    {
        // VmHWM: the resident set's high-water mark over the broker's whole life.
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
