using Fluvio.Protocol.Native;
using Fluvio.Protocol.Grpc;
using Proto = Fluvio.Protocol.Grpc;

namespace Fluvio.Client;

/// <summary>Fluvio's error codes (wire protocol §7) as the client's <see cref="FluvioErrorCode"/>s.</summary>
internal static class NativeErrorMapping
{
    /// <summary>The error as an exception; the server's message when it sent one, else the code's name and the subject.</summary>
    public static FluvioException ToException(ErrorCode error, string? subject, string? statusMessage = null)
    {
        var code = NativeErrorKinds.KindOf(error);
        string message = statusMessage ?? error.Message ?? code switch
        {
            FluvioErrorCode.TopicNotFound => $"Topic '{subject}' not found.",
            FluvioErrorCode.TopicExists => $"Topic '{subject}' already exists.",
            FluvioErrorCode.InvalidTopicName => $"Invalid topic name '{subject}'.",
            FluvioErrorCode.RecordTooLarge => "The record batch is larger than the SPU accepts.",
            _ => $"The Fluvio cluster answered {error.Name} for {subject ?? "the request"}.",
        };
        return new FluvioException(code, message);
    }

    /// <summary>The same error in the produce pipeline's request model (see <see cref="IClusterTransport"/>).</summary>
    public static Proto.Error ToProduceError(ErrorCode error, string topic)
    {
        var mapped = ToException(error, topic);
        return new Proto.Error { Reason = mapped.Code.ToReason(), Message = mapped.Message };
    }
}
