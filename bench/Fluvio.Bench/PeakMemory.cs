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
/// them (Receive-FluvioRecord | Invoke-NullSink). The PowerShell side is a real pwsh (the
/// repository's tool manifest, as `dotnet pwsh ./build.ps1` runs it) with the published module,
/// as users run it: its peak is the process's, not a host of this harness's, which also carried
/// its own copy of the client library and the PowerShell SDK. The broker's peak is its VmHWM,
/// read before the case (its whole life so far, the producer cases' included) and reset then,
/// through /proc/pid/clear_refs, so that the case's own peak is read after it.
/// </summary>
internal static class PeakMemory
{
    public static MemoryPeaks Run(string repositoryRoot, Uri endpoint, int brokerPid, string topic, int records)
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
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = repositoryRoot };
            foreach (string arg in new[] { "pwsh", "-NoProfile", "-NonInteractive", "-Command", Script(endpoint, topic, file) })
            {
                start.ArgumentList.Add(arg);
            }
            var clock = Stopwatch.StartNew();
            using var child = Process.Start(start)!;
            var errors = child.StandardError.ReadToEndAsync();
            string output = child.StandardOutput.ReadToEnd().Trim();
            child.WaitForExit();
            clock.Stop();
            if (child.ExitCode != 0)
            {
                throw new InvalidOperationException($"The pwsh of case 7 failed (is the tool restored? dotnet tool restore): {output} {errors.Result}");
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

    /// <summary>What pwsh runs: send the file, read it all back, print its peak working set and its live heap in MB.</summary>
    private static string Script(Uri endpoint, string topic, string file) => $$"""
        $ErrorActionPreference = 'Stop'
        $ProgressPreference = 'SilentlyContinue'
        $env:FLUVIO_ENDPOINT = '{{endpoint}}'
        Import-Module '{{ModulePath.Manifest}}'
        Import-Module '{{typeof(PeakMemory).Assembly.Location}}'
        Send-FluvioRecord -Topic {{topic}} -Path '{{file}}' -KeySeparator '='
        Receive-FluvioRecord -Topic {{topic}} | Invoke-NullSink
        $self = [Diagnostics.Process]::GetCurrentProcess()
        [string]::Format([cultureinfo]::InvariantCulture, '{0:F0} {1:F0}', $self.PeakWorkingSet64 / 1e6, [GC]::GetTotalMemory($true) / 1e6)
        """;

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
