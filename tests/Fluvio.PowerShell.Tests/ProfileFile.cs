namespace Fluvio.PowerShell.Tests;

/// <summary>A Fluvio profile file in a temp folder, named by $env:FLV_PROFILE_PATH until disposed.</summary>
internal sealed class ProfileFile : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fluvio-ps-profiles-").FullName;
    private readonly TemporaryEnvironment _environment;

    /// <summary>Writes <paramref name="toml"/> as the profile file; null leaves the file missing.</summary>
    public ProfileFile(string? toml)
    {
        Path = System.IO.Path.Combine(_folder, "config");
        if (toml is not null)
        {
            File.WriteAllText(Path, toml);
        }
        _environment = new TemporaryEnvironment(("FLV_PROFILE_PATH", Path));
    }

    public string Path { get; }

    public void Dispose()
    {
        _environment.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
