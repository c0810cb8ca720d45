namespace Fluvio.Client.LocalCluster;

/// <summary>
/// Finds the dotnet host and checks that it has the ASP.NET Core runtime the broker needs
/// (PowerShell itself ships without it), so a missing runtime is a clear message, not a crash.
/// </summary>
public static class BrokerRuntime
{
    public const int RequiredMajorVersion = 8;

    public const string InstallHint =
        "The local cluster runs on the ASP.NET Core runtime 8.0 or newer, which this machine lacks. " +
        "Install it (for example 'sudo apt-get install aspnetcore-runtime-8.0', 'winget install Microsoft.DotNet.AspNetCore.8', " +
        "or from https://dotnet.microsoft.com/download), or point $env:DOTNET_ROOT at a .NET installation that has it.";

    /// <summary>The dotnet executable that can run the broker, or null with <paramref name="problem"/> saying why not.</summary>
    public static string? FindHost(out string? problem)
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
                problem = null;
                return real.FullName;
            }
        }
        problem = InstallHint;
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
