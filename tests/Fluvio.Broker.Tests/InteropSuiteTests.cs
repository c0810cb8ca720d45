using System.Diagnostics;
using System.Text;

namespace Fluvio.Broker.Tests;

/// <summary>
/// Runs tests/interop/run.sh, so the official Fluvio client's suite (Node, @fluvio/client 0.14.9)
/// runs wherever the .NET tests run, CI included. It needs node ≥ 20 and npm on the PATH.
/// </summary>
public sealed class InteropSuiteTests
{
    [Fact]
    public async Task TheOfficialFluvioClientSuitePasses()
    {
        string script = Path.Combine(RepoRoot(), "tests", "interop", "run.sh");
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        process.WaitForExit(); // drains the output events
        string log;
        lock (output)
        {
            log = output.ToString();
        }
        Assert.True(process.ExitCode == 0, $"tests/interop/run.sh exited with {process.ExitCode}:\n{log}");
        Assert.Contains("# fail 0", log);
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Fluvio.PowerShell.sln")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException($"No Fluvio.PowerShell.sln above {AppContext.BaseDirectory}.");
    }
}
