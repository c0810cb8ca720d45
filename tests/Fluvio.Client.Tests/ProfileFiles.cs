namespace Fluvio.Client.Tests;

/// <summary>A temp folder holding Fluvio profile files (and certificates) written by a test; deleted with it.</summary>
internal sealed class ProfileFiles : IDisposable
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("fluvio-profiles-").FullName;

    /// <summary>Writes <paramref name="text"/> as <paramref name="name"/> in the folder and returns its path.</summary>
    public string Write(string text, string name = "config")
    {
        string path = Path.Combine(Folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
