using Fluvio.Protocol.Native;

namespace Fluvio.Client;

/// <summary>Fluvio's error codes (wire protocol §7) as <see cref="FluvioException"/>s: the kind from <see cref="NativeErrorKinds"/>, the message from the server or the subject.</summary>
internal static class NativeErrorMapping
{
    /// <summary>The error as an exception; the server's message when it sent one, else the code's name and the subject.</summary>
    public static FluvioException ToException(ErrorCode error, string? subject, string? statusMessage = null)
    {
        var code = NativeErrorKinds.KindOf(error);
        string message = statusMessage ?? SmartModuleMessage(error) ?? error.Message
            ?? ErrorMessages.ForKind(code, subject) ?? $"The Fluvio cluster answered {error.Name} for {subject ?? "the request"}.";
        return new FluvioException(code, message);
    }

    /// <summary>The SmartModule errors whose payload is not one message (wire protocol §7, 6001 and 6008).</summary>
    private static string? SmartModuleMessage(ErrorCode error)
    {
        var payload = new WireReader(error.Payload);
        return error.Code switch
        {
            6001 => $"SmartModule '{payload.String()}' not found: the cluster holds no SmartModule of that name.",
            6008 => $"The SmartModule ran out of memory: it asked for at least {payload.U64():N0} bytes, and the limit is {payload.U64():N0}.",
            _ => null,
        };
    }
}
