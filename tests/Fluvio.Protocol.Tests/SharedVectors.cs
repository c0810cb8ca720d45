namespace Fluvio.Protocol.Tests;

/// <summary>
/// Finds the project's shared folder (docs and test vectors). It lies beside the clone
/// (<c>&lt;parent&gt;/shared</c> next to <c>&lt;parent&gt;/&lt;clone&gt;</c>), so look for it
/// from the test binaries upward rather than by a fixed path.
/// </summary>
internal static class SharedVectors
{
    private const string Marker = "vectors/partition-siphash.tsv";

    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>The full path of <paramref name="relative"/> inside the shared folder.</summary>
    public static string PathOf(string relative) => Path.Combine(Root.Value, relative);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            foreach (var candidate in new[] { Path.Combine(dir.FullName, "shared"), dir.FullName })
            {
                if (Path.GetFileName(candidate) == "shared" && File.Exists(Path.Combine(candidate, Marker)))
                {
                    return candidate;
                }
            }
        }
        throw new DirectoryNotFoundException(
            $"No folder named 'shared' holding {Marker} above {AppContext.BaseDirectory}.");
    }
}
