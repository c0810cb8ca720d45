using System.Diagnostics;
using System.Text.Json;

namespace Fluvio.Client.LocalCluster;

/// <summary>
/// Starts, finds and stops the local broker. The running broker is recorded in a small state
/// file, so every PowerShell session of the user (and scheduled scripts) finds the same one.
/// </summary>
public sealed class LocalClusterManager(string stateDirectory, string brokerPath)
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>$env:FLUVIO_POWERSHELL_HOME, else ~/.fluvio-powershell.</summary>
    public static string DefaultStateDirectory =>
        Environment.GetEnvironmentVariable("FLUVIO_POWERSHELL_HOME") is { Length: > 0 } home
            ? home
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".fluvio-powershell");

    public string StateFile => Path.Combine(stateDirectory, "local-cluster.json");

    public string DefaultDataDirectory => Path.Combine(stateDirectory, "data");

    /// <summary>The running local cluster, or null. A state file left by a dead broker is removed.</summary>
    public LocalClusterInfo? Get()
    {
        LocalClusterInfo? info;
        try
        {
            info = JsonSerializer.Deserialize<LocalClusterInfo>(File.ReadAllText(StateFile));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or JsonException)
        {
            return null;
        }
        if (info is not null && IsAlive(info))
        {
            return info;
        }
        File.Delete(StateFile);
        return null;
    }

    /// <summary>Fluvio's default SC port: the official Fluvio tools find a broker there without settings.</summary>
    public const int DefaultScPort = 9003;

    public const int DefaultSpuPort = 9010;

    /// <summary>
    /// Starts the broker in the background and waits until it accepts connections. Idempotent:
    /// when one is already running it is returned with <c>started</c> false.
    /// <paramref name="brokerArguments"/> are passed on to fluvio-broker (e.g. --flush-mode interval).
    /// Ports of 0 pick free ones; the native SC and SPU ports serve the official Fluvio clients.
    /// </summary>
    public async Task<(LocalClusterInfo Info, bool Started)> StartAsync(
        string? dataDirectory,
        int grpcPort,
        CancellationToken cancellationToken,
        IReadOnlyList<string>? brokerArguments = null,
        int scPort = DefaultScPort,
        int spuPort = DefaultSpuPort)
    {
        if (Get() is { } running)
        {
            return (running, false);
        }
        // The standalone broker for this platform, else the portable one on an installed .NET.
        var launch = BrokerRuntime.Resolve(brokerPath);
        dataDirectory = Path.GetFullPath(dataDirectory ?? DefaultDataDirectory);
        Directory.CreateDirectory(dataDirectory);
        Directory.CreateDirectory(stateDirectory);
        string logFile = Path.Combine(stateDirectory, "broker.log");

        // All three standard streams are pipes of our own: a broker that outlives this process
        // must not hold the caller's terminal or pipes open (a `| tail` or `$(...)` would wait forever).
        var start = new ProcessStartInfo(launch.FileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = dataDirectory,
        };
        string[] arguments =
        [
            .. launch.Arguments, "--data-dir", dataDirectory,
            "--grpc-port", Port(grpcPort), "--sc-port", Port(scPort), "--spu-port", Port(spuPort),
            "--log-file", logFile, "--detach", .. brokerArguments ?? [],
        ];
        foreach (string arg in arguments)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start) ?? throw new FluvioException(FluvioErrorCode.ConnectionFailed, "The broker process could not be started.");
        process.StandardInput.Close();
        var ready = await WaitForReadyAsync(process, logFile, cancellationToken).ConfigureAwait(false);
        var info = new LocalClusterInfo(process.Id, ready.Grpc, dataDirectory, new DateTimeOffset(process.StartTime.ToUniversalTime()), logFile, ready.Sc, ready.Spu);
        WriteState(info);
        return (info, true);
    }

    /// <summary>Stops the running broker gracefully (SIGTERM, then waits); returns what was stopped, or null.</summary>
    public async Task<LocalClusterInfo?> StopAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (Get() is not { } info)
        {
            return null;
        }
        using var process = Process.GetProcessById(info.ProcessId);
        Signals.Terminate(process);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Graceful stop took too long: the storage recovers from a hard stop, the user should not wait forever.
            process.Kill();
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }
        File.Delete(StateFile);
        return info;
    }

    private static string Port(int port) => port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The addresses from the broker's ready line (sc/spu are absent from brokers without the native ports).</summary>
    private static async Task<BrokerReady> WaitForReadyAsync(Process process, string logFile, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ReadyTimeout);
        try
        {
            while (await process.StandardOutput.ReadLineAsync(timeout.Token).ConfigureAwait(false) is { } line)
            {
                switch (BrokerEvent.TryParse(line))
                {
                    case BrokerFailed { Error: "PortInUse" } failed:
                        // The broker said which port in one line; its exit is all that is left to wait for.
                        await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
                        throw new FluvioException(FluvioErrorCode.PortInUse, failed.Message);
                    case BrokerFailed failed:
                        // Refused for its options (e.g. NativeUnauthenticated: --token-file with open native ports).
                        await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
                        throw new FluvioException(FluvioErrorCode.InvalidArgument, failed.Message);
                    case BrokerReady ready:
                        return ready;
                }
            }
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw;
        }
        await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        string log = (await process.StandardError.ReadToEndAsync(CancellationToken.None).ConfigureAwait(false)).Trim();
        if (log.Length == 0 && File.Exists(logFile))
        {
            log = File.ReadAllText(logFile).Trim();
        }
        throw new FluvioException(FluvioErrorCode.ConnectionFailed,
            $"The local broker exited (code {process.ExitCode}) before it was ready. {log}".Trim());
    }

    private void WriteState(LocalClusterInfo info)
    {
        string temp = StateFile + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(info, Json));
        File.Move(temp, StateFile, overwrite: true);
    }

    // A recorded process id may since belong to another program: the start time tells them apart.
    private static bool IsAlive(LocalClusterInfo info)
    {
        try
        {
            using var process = Process.GetProcessById(info.ProcessId);
            var started = new DateTimeOffset(process.StartTime.ToUniversalTime());
            return !process.HasExited && (started - info.StartTime).Duration() < TimeSpan.FromSeconds(2);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }
}
