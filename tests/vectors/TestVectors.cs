namespace Fluvio.Testing.Vectors;

/// <summary>
/// The files of tests/vectors, which each test project that links this file copies next to its
/// binaries as <c>vectors/</c>: the tests read them from there, never from outside the clone.
/// </summary>
internal static class TestVectors
{
    /// <summary>The full path of <paramref name="relative"/> inside tests/vectors.</summary>
    public static string PathOf(string relative)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "vectors", relative);
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            throw new FileNotFoundException($"The test vector '{relative}' was not copied to {path}: is tests/vectors linked in the project?");
        }
        return path;
    }
}
