namespace Fluvio.Reliability.Tests;

/// <summary>Removing a test's data directory, best effort (a dying process may still hold a file).</summary>
internal static class TempData
{
    public static void Delete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
