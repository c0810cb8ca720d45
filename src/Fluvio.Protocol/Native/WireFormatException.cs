namespace Fluvio.Protocol.Native;

/// <summary>
/// Bytes that do not decode as the native message they claim to be: truncated, a count or length
/// past the end, an unknown enum tag. A server closes the connection on it, as Fluvio's does.
/// </summary>
public sealed class WireFormatException(string message) : Exception(message);
