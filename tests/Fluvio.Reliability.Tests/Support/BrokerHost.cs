using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Fluvio.Client;

namespace Fluvio.Reliability.Tests;

/// <summary>
/// The real fluvio-broker process on loopback, every port chosen by the system (so tests run
/// side by side), its stderr kept for the recovery reports, stopped by SIGTERM or killed by
/// SIGKILL, restarted on the same data directory.
/// </summary>
public sealed class BrokerHost : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    // A test that times out is abandoned without its cleanup: its broker must not outlive the run.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<BrokerHost, byte> Live = new();

    static BrokerHost() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        foreach (var broker in Live.Keys)
        {
            broker.Kill();
        }
    };

    private readonly Process _process;
    private readonly StringBuilder _stderr = new();
    // A data directory made here is removed with the broker; one given by the test is the test's.
    private readonly bool _ownsData;

    private BrokerHost(Process process, string dataDirectory, bool ownsData)
    {
        _process = process;
        DataDirectory = dataDirectory;
        _ownsData = ownsData;
    }

    public string DataDirectory { get; }

    /// <summary>The gRPC endpoint from the ready line (https:// with TLS).</summary>
    public Uri Endpoint { get; private set; } = null!;

    /// <summary>Native SC and SPU endpoints ("127.0.0.1:port").</summary>
    public string ScEndpoint { get; private set; } = "";

    public string SpuEndpoint { get; private set; } = "";

    public bool HasExited => _process.HasExited;

    /// <summary>Descriptors the broker process holds open now (Linux: /proc/&lt;pid&gt;/fd).</summary>
    public int OpenDescriptors => Directory.GetFiles($"/proc/{_process.Id}/fd").Length;

    /// <summary>The broker's resident memory now, in MiB (Linux: /proc/&lt;pid&gt;/status VmRSS).</summary>
    public long ResidentMiB
    {
        get
        {
            string line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024;
        }
    }

    /// <summary>CPU time (user and system) the broker process has used so far.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>Everything the broker wrote to stderr so far.</summary>
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

    public static string NewDataDirectory() => Directory.CreateTempSubdirectory("fluvio-reliability-").FullName;

    public static Task<BrokerHost> StartAsync(string? dataDirectory = null, params string[] extraArgs) =>
        StartAsync(dataDirectory, launcher: [], extraArgs);

    /// <summary>Started through <paramref name="launcher"/> (a command and its arguments, such as prlimit's), which runs dotnet.</summary>
    public static async Task<BrokerHost> StartAsync(string? dataDirectory, string[] launcher, params string[] extraArgs)
    {
        var (process, broker) = Launch(dataDirectory ?? NewDataDirectory(), extraArgs, ownsData: dataDirectory is null, launcher);
        using var timeout = new CancellationTokenSource(ReadyTimeout);
        while (true)
        {
            string? line;
            try
            {
                line = await process.StandardOutput.ReadLineAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill();
                throw new TimeoutException($"The broker was not ready within {ReadyTimeout.TotalSeconds} s:\n{broker.Diagnostics}");
            }
            if (line is null)
            {
                await process.WaitForExitAsync(CancellationToken.None);
                throw new BrokerExitedException(process.ExitCode, broker.Diagnostics);
            }
            if (BrokerEvent.TryParse(line) is BrokerReady ready)
            {
                (broker.Endpoint, broker.ScEndpoint, broker.SpuEndpoint) = (ready.Grpc, ready.Sc ?? "", ready.Spu ?? "");
                return broker;
            }
        }
    }

    /// <summary>Runs the broker expecting it to refuse to start; returns its exit code and stderr.</summary>
    public static async Task<(int ExitCode, string Diagnostics)> RunToExitAsync(string dataDirectory, params string[] extraArgs)
    {
        var (process, broker) = Launch(dataDirectory, extraArgs, ownsData: false);
        await using var _ = broker;
        using var timeout = new CancellationTokenSource(ReadyTimeout);
        string stdout = await process.StandardOutput.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, broker.Diagnostics + stdout);
    }

    private static (Process, BrokerHost) Launch(string dataDirectory, string[] extraArgs, bool ownsData, string[]? launcher = null)
    {
        launcher = launcher is { Length: > 0 } ? [.. launcher, "dotnet"] : ["dotnet"];
        var start = new ProcessStartInfo(launcher[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in launcher[1..])
        {
            start.ArgumentList.Add(arg);
        }
        var args = new[] { BrokerPath(), "--data-dir", dataDirectory, "--grpc-port", "0", "--sc-port", "0", "--spu-port", "0" };
        foreach (string arg in args.Concat(extraArgs))
        {
            start.ArgumentList.Add(arg);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the broker.");
        var broker = new BrokerHost(process, dataDirectory, ownsData);
        Live.TryAdd(broker, 0);
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
        return (process, broker);
    }

    /// <summary>SIGTERM, then the graceful exit (bounded); returns the exit code.</summary>
    public async Task<int> StopAsync(TimeSpan? limit = null)
    {
        if (!_process.HasExited)
        {
            _ = kill(_process.Id, SigTerm);
            await _process.WaitForExitAsync().Within(limit ?? TimeSpan.FromSeconds(30), "the broker's graceful stop");
        }
        _process.WaitForExit(); // drains the stderr reader
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: the crash storage must survive.</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _ = kill(_process.Id, SigKill);
            }
            _process.WaitForExit();
        }
        catch (InvalidOperationException)
        {
            // Disposed already.
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        Live.TryRemove(this, out _);
        _process.Dispose();
        if (_ownsData)
        {
            TempData.Delete(DataDirectory);
        }
        return ValueTask.CompletedTask;
    }

    private static string BrokerPath()
    {
        // artifacts/bin/Fluvio.Reliability.Tests/<config>/ → artifacts/bin/Fluvio.Broker/<config>/fluvio-broker.dll
        var testDir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        string path = Path.Combine(testDir.Parent!.Parent!.FullName, "Fluvio.Broker", testDir.Name, "fluvio-broker.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build the broker first (dotnet build).", path);
    }

    private const int SigKill = 9;
    private const int SigTerm = 15;

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}

/// <summary>The broker stopped before it was ready.</summary>
public sealed class BrokerExitedException(int exitCode, string diagnostics)
    : Exception($"The broker exited with code {exitCode} before it was ready:\n{diagnostics}")
{
    public int ExitCode { get; } = exitCode;

    public string Diagnostics { get; } = diagnostics;
}
