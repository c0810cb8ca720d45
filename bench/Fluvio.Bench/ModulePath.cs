namespace Fluvio.Bench;

/// <summary>Where the published module is (out/Fluvio under the repository root).</summary>
internal static class ModulePath
{
    public static string Manifest => Path.Combine(RepoRoot(), "out", "Fluvio", "Fluvio.psd1");

    private static string RepoRoot()
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
