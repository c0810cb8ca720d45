using System.Globalization;

namespace Fluvio.Broker.Native;

/// <summary>
/// Keeps the native listeners' connection caps within the process's descriptor limit. Out of
/// descriptors the .NET runtime itself aborts ("Out of memory.": new JIT code is double-mapped
/// through a descriptor), so the accept backoff alone cannot save the broker: the cap has to stop
/// connections first, and it cannot if the limit is below it.
/// </summary>
internal static class DescriptorLimit
{
    /// <summary>Descriptors left for everything but native connections: segments (256 cached), gRPC, the runtime.</summary>
    public const int Reserve = 512;

    /// <summary>
    /// <paramref name="limits"/> with a cap that the soft limit on open files can hold for
    /// <paramref name="listeners"/> listeners plus <see cref="Reserve"/>, warning when it had to be
    /// lowered. Unchanged where the limit cannot be read (not Linux).
    /// </summary>
    public static NativeLimits Fit(NativeLimits limits, int listeners, Action<string> log)
    {
        if (OpenFilesLimit() is not { } open)
        {
            return limits;
        }
        long fits = Math.Max(1, (open - Reserve) / listeners);
        if (limits.MaxConnections <= fits)
        {
            return limits;
        }
        log($"warning: --max-connections {limits.MaxConnections} per native listener does not fit this process's limit of {open} open files; using {fits} (raise the limit with ulimit -n to allow more).");
        return limits with { MaxConnections = (int)fits };
    }

    /// <summary>The soft RLIMIT_NOFILE, from /proc/self/limits ("Max open files  soft  hard  files").</summary>
    private static long? OpenFilesLimit()
    {
        try
        {
            var line = File.ReadLines("/proc/self/limits").FirstOrDefault(l => l.StartsWith("Max open files", StringComparison.Ordinal));
            var fields = line?["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return fields is { Length: > 0 } && long.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out long soft) ? soft : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
