namespace Fluvio.Client;

/// <summary>
/// A transforms file or line that cannot be read: the message says what is wrong and, for a file,
/// starts with the line ("line 7: ..."), which <see cref="Line"/> also gives (1-based; null when
/// the fault is not on one line).
/// </summary>
public sealed class TransformsFormatException(string message, int? line = null, Exception? innerException = null)
    : FormatException(message, innerException)
{
    public int? Line { get; } = line;
}
