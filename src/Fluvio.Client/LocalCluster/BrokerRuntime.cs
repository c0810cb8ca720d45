using System.Runtime.InteropServices;

namespace Fluvio.Client.LocalCluster;

/// <summary>How to start fluvio-broker: an executable and the arguments that come before the broker's own.</summary>
public sealed record BrokerLaunch(string FileName, IReadOnlyList<string> Arguments);

/// <summary>
/// Chooses how to run the broker. The module folder holds the portable broker
/// (<c>broker/fluvio-broker.dll</c>, which needs a dotnet host with the ASP.NET Core runtime,
/// and PowerShell ships without it) and, when built for them, standalone brokers that need no
/// .NET at all (<c>broker/&lt;rid&gt;/fluvio-broker[.exe]</c>). The standalone one for this
/// platform wins; the portable one is the fallback where a .NET with ASP.NET Core exists.
/// </summary>
public static class BrokerRuntime
{
    public const int RequiredMajorVersion = 8;

    /// <summary>The platforms the module package carries a standalone broker for.</summary>
    public static readonly IReadOnlyList<string> PackagedRuntimeIdentifiers = ["linux-x64", "linux-arm64", "win-x64", "osx-x64", "osx-arm64"];

    private const string InstallAspNetCore =
        "install the ASP.NET Core runtime (for example 'sudo apt-get install aspnetcore-runtime-8.0', 'winget install Microsoft.DotNet.AspNetCore.8', " +
        "or from https://dotnet.microsoft.com/download), or point $env:DOTNET_ROOT at a .NET installation that has it.";

    /// <summary>
    /// How to start the broker whose portable build is <paramref name="portableBrokerPath"/>
    /// (<c>broker/fluvio-broker.dll</c>); throws <see cref="FluvioErrorCode.BrokerRuntimeMissing"/>
    /// with what to do when this machine can run neither build.
    /// </summary>
    public static BrokerLaunch Resolve(string portableBrokerPath) =>
        Resolve(portableBrokerPath, PlatformRuntimeIdentifiers(), OperatingSystem.IsWindows(), FindHost);

    internal static BrokerLaunch Resolve(string portableBrokerPath, IReadOnlyList<string> platforms, bool windows, Func<string?> findHost)
    {
        string brokerDirectory = Path.GetDirectoryName(Path.GetFullPath(portableBrokerPath))!;
        foreach (string rid in platforms)
        {
            string standalone = Path.Combine(brokerDirectory, rid, windows ? "fluvio-broker.exe" : "fluvio-broker");
            if (File.Exists(standalone))
            {
                if (!windows)
                {
                    EnsureExecutable(standalone);
                }
                return new BrokerLaunch(standalone, []);
            }
        }

        string platform = platforms.Count > 0 ? platforms[0] : $"{RuntimeInformation.OSDescription} {RuntimeInformation.OSArchitecture}";
        string[] built = Directory.Exists(brokerDirectory)
            ? [.. Directory.EnumerateDirectories(brokerDirectory)
                .Where(d => File.Exists(Path.Combine(d, "fluvio-broker")) || File.Exists(Path.Combine(d, "fluvio-broker.exe")))
                .Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)]
            : [];
        if (!File.Exists(portableBrokerPath) && built.Length == 0)
        {
            throw new FluvioException(FluvioErrorCode.BrokerRuntimeMissing,
                $"The broker is missing from the module folder: {brokerDirectory}. Reinstall the module.");
        }
        if (File.Exists(portableBrokerPath) && findHost() is { } host)
        {
            return new BrokerLaunch(host, [portableBrokerPath]);
        }

        string has = built.Length > 0 ? $"it has one for {string.Join(", ", built)} only" : "it has none";
        string build = platforms.Count > 0
            ? $"install the module's package (it carries the broker for {string.Join(", ", PackagedRuntimeIdentifiers)}), or build the module with " +
              $"'dotnet publish src/Fluvio.PowerShell -c Release -o out/Fluvio -p:FluvioBrokerRuntimes={platforms[0]}'"
            : "no standalone broker is built for this platform";
        throw new FluvioException(FluvioErrorCode.BrokerRuntimeMissing,
            $"This copy of the module has no standalone broker for {platform} ({has}), and the portable broker needs the " +
            $"ASP.NET Core runtime {RequiredMajorVersion}.0 or newer, which this machine lacks. Either {build}; or {InstallAspNetCore}");
    }

    /// <summary>
    /// The runtime identifiers of the standalone brokers this machine can run, best first: its own
    /// architecture, then the process's (an x64 pwsh under emulation can run an x64 broker). Empty
    /// where none is ever built (musl Linux, 32-bit, other systems).
    /// </summary>
    public static IReadOnlyList<string> PlatformRuntimeIdentifiers() =>
        PlatformRuntimeIdentifiers(
            OperatingSystem.IsLinux() ? "linux" : OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : null,
            // The runtime's own RID says musl where the portable OS name does not; the brokers are built against glibc.
            RuntimeInformation.RuntimeIdentifier.Contains("musl", StringComparison.Ordinal),
            RuntimeInformation.OSArchitecture,
            RuntimeInformation.ProcessArchitecture);

    internal static IReadOnlyList<string> PlatformRuntimeIdentifiers(string? os, bool musl, params Architecture[] architectures)
    {
        if (os is null || musl)
        {
            return [];
        }
        var rids = new List<string>();
        foreach (var architecture in architectures)
        {
            string? arch = architecture switch
            {
                Architecture.X64 => "x64",
                Architecture.Arm64 => "arm64",
                _ => null,
            };
            if (arch is not null && !rids.Contains($"{os}-{arch}"))
            {
                rids.Add($"{os}-{arch}");
            }
        }
        return rids;
    }

    // A zip or a .nupkg does not keep the execute bit: an installed module's broker may have lost it.
    private static void EnsureExecutable(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        const UnixFileMode execute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        var mode = File.GetUnixFileMode(path);
        if ((mode & UnixFileMode.UserExecute) != 0)
        {
            return;
        }
        try
        {
            File.SetUnixFileMode(path, mode | execute);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new FluvioException(FluvioErrorCode.BrokerRuntimeMissing,
                $"The broker '{path}' is not executable and cannot be made so ({e.Message}). Run 'chmod +x \"{path}\"' as its owner.");
        }
    }

    /// <summary>The dotnet executable that can run the portable broker (one with ASP.NET Core), or null.</summary>
    public static string? FindHost()
    {
        foreach (string candidate in CandidateRoots())
        {
            var host = new FileInfo(Path.Combine(candidate, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet"));
            if (!host.Exists)
            {
                continue;
            }
            // /usr/bin/dotnet is usually a link into the installation that holds shared/.
            var real = host.ResolveLinkTarget(returnFinalTarget: true) as FileInfo ?? host;
            if (real.DirectoryName is { } root && HasAspNetCore(root))
            {
                return real.FullName;
            }
        }
        return null;
    }

    private static bool HasAspNetCore(string root)
    {
        string shared = Path.Combine(root, "shared", "Microsoft.AspNetCore.App");
        return Directory.Exists(shared) && Directory.EnumerateDirectories(shared)
            .Select(Path.GetFileName)
            .Any(v => Version.TryParse(v?.Split('-')[0], out var version) && version.Major >= RequiredMajorVersion);
    }

    private static IEnumerable<string> CandidateRoots()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_ROOT") is { Length: > 0 } dotnetRoot)
        {
            yield return dotnetRoot;
        }
        // The runtime PowerShell itself runs on, when it is a shared installation.
        string runtimeDir = Path.GetDirectoryName(typeof(object).Assembly.Location) ?? "";
        if (Directory.GetParent(runtimeDir)?.Parent?.Parent is { } sharedRoot)
        {
            yield return sharedRoot.FullName;
        }
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            yield return dir;
        }
        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        yield return Path.Combine(home, ".dotnet");
        yield return OperatingSystem.IsWindows() ? @"C:\Program Files\dotnet" : "/usr/share/dotnet";
        yield return "/usr/lib/dotnet";
        yield return "/usr/local/share/dotnet";
    }
}
