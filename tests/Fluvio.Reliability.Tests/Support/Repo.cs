namespace Fluvio.Reliability.Tests;

/// <summary>Where the repository is, found from the test binaries.</summary>
internal static class Repo
{
    public static string Root { get; } = Find();

    /// <summary>The published module's manifest (out/Fluvio), as users import it.</summary>
    public static string Manifest => Path.Combine(Root, "out", "Fluvio", "Fluvio.psd1");

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Fluvio.PowerShell.sln")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException("Fluvio.PowerShell.sln not found above " + AppContext.BaseDirectory);
    }
}
