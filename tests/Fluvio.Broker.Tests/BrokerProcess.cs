using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Fluvio.Client;

namespace Fluvio.Broker.Tests;

/// <summary>
/// A real fluvio-broker process on a free loopback port with its own data directory, as the
/// integration tests need it: started, stopped gracefully (SIGTERM) or killed (SIGKILL), restarted
/// on the same data.
/// </summary>
public sealed class BrokerProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly StringBuilder _stderr = new();

    private BrokerProcess(Process process, string dataDirectory)
    {
        _process = process;
        DataDirectory = dataDirectory;
    }

    public string DataDirectory { get; }
    public Uri Endpoint { get; private set; } = null!;

    /// <summary>The native SC listener ("host:port" from the ready line).</summary>
    public string ScAddress { get; private set; } = null!;

    /// <summary>The native SPU listener ("host:port" from the ready line).</summary>
    public string SpuAddress { get; private set; } = null!;

    public int ProcessId => _process.Id;
    public bool HasExited => _process.HasExited;

    /// <summary>Everything the broker wrote to stderr so far (diagnostics, recovery reports).</summary>
    public string Diagnostics
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public static string NewDataDirectory() =>
        Directory.CreateTempSubdirectory("fluvio-broker-test-").FullName;

    public static async Task<BrokerProcess> StartAsync(string? dataDirectory = null, params string[] extraArgs)
    {
        dataDirectory ??= NewDataDirectory();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Free native ports too, so brokers of parallel tests never race for 9003/9010; extraArgs may override.
        foreach (var arg in new[] { BrokerPath(), "--data-dir", dataDirectory, "--grpc-port", "0", "--sc-port", "0", "--spu-port", "0" }.Concat(extraArgs))
        {
            start.ArgumentList.Add(arg);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the broker.");
        var broker = new BrokerProcess(process, dataDirectory);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (broker._stderr)
                {
                    broker._stderr.AppendLine(e.Data);
                }
            }
        };
        process.BeginErrorReadLine();

        using var timeout = new CancellationTokenSource(ReadyTimeout);
        while (true)
        {
            string? line = await process.StandardOutput.ReadLineAsync(timeout.Token);
            if (line is null)
            {
                await process.WaitForExitAsync(CancellationToken.None);
                throw new InvalidOperationException($"The broker exited with code {process.ExitCode} before it was ready:\n{broker.Diagnostics}");
            }
            if (BrokerEvent.TryParse(line) is BrokerReady ready)
            {
                (broker.Endpoint, broker.ScAddress, broker.SpuAddress) = (ready.Grpc, ready.Sc ?? "", ready.Spu ?? "");
                return broker;
            }
        }
    }

    /// <summary>SIGTERM, then waits for the graceful exit.</summary>
    public async Task<int> StopAsync()
    {
        if (!_process.HasExited)
        {
            _ = kill(_process.Id, SigTerm);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _process.WaitForExitAsync(timeout.Token);
        }
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: the crash the storage must survive.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Kill();
        }
        await Task.CompletedTask;
        _process.Dispose();
    }

    internal static string BrokerPath()
    {
        // artifacts/bin/Fluvio.Broker.Tests/<config>/ → artifacts/bin/Fluvio.Broker/<config>/fluvio-broker.dll
        var testDir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        string path = Path.Combine(testDir.Parent!.Parent!.FullName, "Fluvio.Broker", testDir.Name, "fluvio-broker.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build the broker first (dotnet build).", path);
    }

    private const int SigTerm = 15;

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}
