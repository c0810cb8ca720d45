namespace Fluvio.Storage;

/// <summary>
/// Fluvio's topic name rule. A valid name is also a safe single path segment: no separators, no
/// dots, no upper case (so case-insensitive file systems cannot alias two topics).
/// </summary>
public static class TopicName
{
    public const string Rule = "^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$";

    public const int MaxLength = 63;

    /// <summary>True when <paramref name="name"/> matches <see cref="Rule"/>.</summary>
    public static bool IsValid(string? name)
    {
        // Checked by hand rather than with the regex: .NET's '$' also matches before a trailing
        // newline, which would let "topic\n" through and into a path.
        if (string.IsNullOrEmpty(name) || name.Length > MaxLength)
        {
            return false;
        }
        if (name[0] == '-' || name[^1] == '-')
        {
            return false;
        }
        foreach (char c in name)
        {
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// The name as an error message may echo it: whole up to <see cref="MaxLength"/>, else its
    /// start and its length, so a hostile 20 MB name never becomes a 20 MB message.
    /// </summary>
    public static string Quote(string? name) =>
        name is null ? "" : name.Length <= MaxLength ? name : $"{name.AsSpan(0, MaxLength)}… ({name.Length} characters)";

    /// <summary>Throws <see cref="FluvioErrorCode.InvalidTopicName"/> unless the name is valid.</summary>
    public static void Validate(string? name)
    {
        if (!IsValid(name))
        {
            throw new StorageException(
                FluvioErrorCode.InvalidTopicName,
                $"Invalid topic name '{Quote(name)}': a topic name must match {Rule} (1 to {MaxLength} lower-case letters, digits or '-', not starting or ending with '-').");
        }
    }
}
