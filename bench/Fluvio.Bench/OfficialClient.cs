using System.Diagnostics;
using System.Text.Json;

namespace Fluvio.Bench;

/// <summary>
/// The official Node client (@fluvio/client 0.14.9), run by the scripts in official/ (produce.mjs
/// for case 4, consume.mjs for case 8) in its own process. It uses the install tests/interop/install-client.sh makes (tests/interop/.client; run
/// here when missing, so a clean clone measures case 4 too), or the module
/// FLUVIO_INTEROP_CLIENT names, so the benchmark and the interop suite drive the same build.
/// </summary>
internal sealed class OfficialClient(string node, string module, string scripts)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    /// <summary>The client, or null and why it cannot run here.</summary>
    public static OfficialClient? Find(string repoRoot, out string reason)
    {
        string module = Environment.GetEnvironmentVariable("FLUVIO_INTEROP_CLIENT")
            ?? Path.Combine(repoRoot, "tests", "interop", ".client", "package", "dist", "linux", "index.node");
        if (!File.Exists(module) && Environment.GetEnvironmentVariable("FLUVIO_INTEROP_CLIENT") is null)
        {
            Install(repoRoot);
        }
        string scripts = Path.Combine(AppContext.BaseDirectory, "official");
        string? node = OnPath(OperatingSystem.IsWindows() ? "node.exe" : "node");
        reason = node is null ? "node is not on PATH"
            : !File.Exists(module) ? $"the official client is not installed ({module}) and `bash tests/interop/install-client.sh` could not install it"
            : "";
        return reason.Length == 0 ? new OfficialClient(node!, module, scripts) : null;
    }

    /// <summary>Sends the records against the SC at <paramref name="sc"/>; the script's own clock times the sending.</summary>
    public Task<Measurement> ProduceAsync(string sc, string topic, int records, int valueBytes, int batch) =>
        RunAsync("produce.mjs", sc, topic, records.ToString(), valueBytes.ToString(), batch.ToString());

    /// <summary>
    /// Reads partition 0 from the beginning until <paramref name="records"/> arrived, each checked,
    /// with the client's async iterator (<c>createStream</c>) or its callback stream (<c>stream</c>).
    /// </summary>
    public Task<Measurement> ConsumeAsync(string sc, string topic, long records, int valueBytes, OfficialReadApi api) =>
        RunAsync("consume.mjs", sc, topic, records.ToString(), valueBytes.ToString(), api == OfficialReadApi.Callback ? "callback" : "iterator");

    private async Task<Measurement> RunAsync(string script, string sc, params string[] rest)
    {
        var start = new ProcessStartInfo(node) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Path.Combine(scripts, script), module, sc }.Concat(rest))
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The official client did not finish within {Timeout.TotalMinutes} minutes.");
        }
        string last = (await stdout).TrimEnd().Split('\n')[^1];
        if (process.ExitCode != 0 || !last.StartsWith('{'))
        {
            throw new InvalidOperationException($"The official client exited with {process.ExitCode}: {(await stderr).Trim()}");
        }
        using var figures = JsonDocument.Parse(last);
        var root = figures.RootElement;
        return new Measurement(root.GetProperty("records").GetInt64(), root.GetProperty("bytes").GetInt64(),
            TimeSpan.FromSeconds(root.GetProperty("seconds").GetDouble()));
    }

    /// <summary>Runs the interop suite's installer (npm pack); a failure leaves the case to report the client missing.</summary>
    private static void Install(string repoRoot)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(repoRoot, "tests", "interop", "install-client.sh"));
        try
        {
            using var process = Process.Start(start)!;
            process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            process.WaitForExit(TimeSpan.FromMinutes(3));
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No bash here: the caller says the client is missing.
        }
    }

    private static string? OnPath(string file) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, file))
            .FirstOrDefault(File.Exists);
}

/// <summary>The official Node client's two ways of streaming a partition.</summary>
internal enum OfficialReadApi
{
    /// <summary><c>createStream</c>: one awaited <c>next()</c> per record, the documented way.</summary>
    Iterator,

    /// <summary><c>stream(offset, callback)</c>: one callback per record.</summary>
    Callback,
}
