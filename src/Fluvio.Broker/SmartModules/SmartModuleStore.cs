using System.Text;

namespace Fluvio.Broker.SmartModules;

/// <summary>A SmartModule kept by the broker: its name and the size of its WASM.</summary>
internal sealed record StoredSmartModule(string Name, long Size);

/// <summary>
/// The SmartModules a consumer can name (fluvio smartmodule create): one file per module under
/// the data directory's smartmodules/ folder, holding the WASM as given. File names are the hex
/// of the UTF-8 name, so any name Fluvio takes (hub names carry '/' and '@') stays one file
/// inside that folder.
/// </summary>
internal sealed class SmartModuleStore(string? directory)
{
    /// <summary>Fluvio's SmartModule names are at most 63 characters (a Kubernetes object name).</summary>
    public const int MaxNameLength = 63;

    public ReadOnlyMemory<byte> Read(string name)
    {
        string? path = PathOf(name);
        try
        {
            return path is null ? throw new FileNotFoundException() : File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new SmartModuleException(SmartModuleFaultKind.NotFound, $"SmartModule '{name}' is not stored on this broker (New-FluvioSmartModule stores one).") { ModuleName = name };
        }
    }

    /// <summary>Stores the module; false when one of that name exists already.</summary>
    public bool TryCreate(string name, ReadOnlySpan<byte> wasm)
    {
        Validate(name);
        string path = PathOf(name)!;
        Directory.CreateDirectory(directory!);
        try
        {
            using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
            file.Write(wasm);
            file.Flush(flushToDisk: true);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            return false;
        }
    }

    public bool Delete(string name)
    {
        string? path = PathOf(name);
        if (path is null || !File.Exists(path))
        {
            return false;
        }
        File.Delete(path);
        return true;
    }

    public IReadOnlyList<StoredSmartModule> List()
    {
        if (directory is null || !Directory.Exists(directory))
        {
            return [];
        }
        var modules = new List<StoredSmartModule>();
        foreach (var file in new DirectoryInfo(directory).EnumerateFiles("*.wasm"))
        {
            try
            {
                modules.Add(new StoredSmartModule(Encoding.UTF8.GetString(Convert.FromHexString(Path.GetFileNameWithoutExtension(file.Name))), file.Length));
            }
            catch (FormatException)
            {
                // Not a file this store wrote.
            }
        }
        return [.. modules.OrderBy(m => m.Name, StringComparer.Ordinal)];
    }

    /// <summary>A name Fluvio would take: 1 to 63 characters, no control characters.</summary>
    public static void Validate(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > MaxNameLength || name.Any(char.IsControl))
        {
            throw new SmartModuleException(SmartModuleFaultKind.Invalid, $"'{name}' is not a SmartModule name: 1 to {MaxNameLength} characters, no control characters.");
        }
    }

    private string? PathOf(string name) =>
        directory is null || name.Length is 0 or > MaxNameLength ? null : Path.Combine(directory, Convert.ToHexString(Encoding.UTF8.GetBytes(name)) + ".wasm");
}
