namespace Fluvio.Client;

/// <summary>
/// The Fluvio CLI's profile file: <c>$FLV_PROFILE_PATH</c>, else <c>~/.fluvio/config</c>. It is
/// read, never written: the Fluvio CLI (<c>fluvio profile</c>, <c>fluvio cluster start</c>) owns it.
/// </summary>
public sealed class FluvioConfigFile
{
    /// <summary>The variable the Fluvio CLI reads the file's path from.</summary>
    public const string PathVariable = "FLV_PROFILE_PATH";

    internal FluvioConfigFile(string path, string? currentProfileName, IReadOnlyList<FluvioProfile> profiles)
    {
        Path = path;
        CurrentProfileName = currentProfileName;
        Profiles = profiles;
    }

    /// <summary>Where the Fluvio CLI looks, read afresh each time (the variable may change within a session).</summary>
    public static string DefaultPath =>
        Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } path
            ? path
            : System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".fluvio", "config");

    public string Path { get; }

    /// <summary>The file's <c>current_profile</c>, which may be unset.</summary>
    public string? CurrentProfileName { get; }

    /// <summary>Every profile, by name.</summary>
    public IReadOnlyList<FluvioProfile> Profiles { get; }

    /// <summary>The current profile; null when the file names none, or one it does not define.</summary>
    public FluvioProfile? CurrentProfile => Profiles.FirstOrDefault(p => p.IsCurrent);

    /// <summary>Reads <paramref name="path"/>; a missing, unreadable or malformed file is an InvalidArgument error naming it.</summary>
    public static FluvioConfigFile Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new FluvioException(FluvioErrorCode.InvalidArgument, $"The Fluvio profile file '{path}' does not exist.", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FluvioException(FluvioErrorCode.InvalidArgument, $"The Fluvio profile file '{path}' cannot be read: {e.Message}", e);
        }
        return ProfileToml.Parse(path, text);
    }

    /// <summary>
    /// The profile called <paramref name="name"/> in the file at <paramref name="path"/>: ProfileNotFound
    /// when the file does not exist or has no such profile.
    /// </summary>
    public static FluvioProfile LoadProfile(string path, string name)
    {
        if (!File.Exists(path))
        {
            throw new FluvioException(FluvioErrorCode.ProfileNotFound,
                $"Profile '{name}' not found: there is no Fluvio profile file at '{path}' (the Fluvio CLI writes it; ${PathVariable} names another).");
        }
        return Load(path).GetProfile(name);
    }

    /// <summary>The profile called <paramref name="name"/>: the exact name, else the only one that differs in case.</summary>
    public FluvioProfile GetProfile(string name)
    {
        var exact = Profiles.FirstOrDefault(p => p.Name == name);
        var ignoringCase = Profiles.Where(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).ToList();
        return exact ?? (ignoringCase.Count == 1 ? ignoringCase[0] : null) ?? throw new FluvioException(FluvioErrorCode.ProfileNotFound,
            $"Profile '{name}' not found in '{Path}'. " + (Profiles.Count == 0 ? "It has no profiles." : $"Its profiles: {string.Join(", ", Profiles.Select(p => p.Name))}."));
    }
}
