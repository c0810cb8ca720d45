using Fluvio.Protocol.Native;

namespace Fluvio.Client;

/// <summary>Fluvio's error codes (wire protocol §7) as <see cref="FluvioException"/>s: the kind from <see cref="NativeErrorKinds"/>, the message from the server or the subject.</summary>
internal static class NativeErrorMapping
{
    /// <summary>The error as an exception; the server's message when it sent one, else the code's name and the subject.</summary>
    public static FluvioException ToException(ErrorCode error, string? subject, string? statusMessage = null)
    {
        var code = NativeErrorKinds.KindOf(error);
        string message = statusMessage ?? error.Message
            ?? ErrorMessages.ForKind(code, subject) ?? $"The Fluvio cluster answered {error.Name} for {subject ?? "the request"}.";
        return new FluvioException(code, message);
    }
}
