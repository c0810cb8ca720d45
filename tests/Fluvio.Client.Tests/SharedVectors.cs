namespace Fluvio.Client.Tests;

/// <summary>
/// Finds the project's shared/ folder by walking up from the test binaries: here it sits above
/// the repository; in CI the repository is a fresh clone with shared/ as its sibling.
/// </summary>
internal static class SharedVectors
{
    public static string PartitionSipHash => Find("partition-siphash.tsv");

    private static string Find(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "vectors", name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new FileNotFoundException($"shared/vectors/{name} was not found above {AppContext.BaseDirectory}.");
    }
}
