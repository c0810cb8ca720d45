using Fluvio.Protocol.Native;
using Proto = Fluvio.Protocol.Grpc;

namespace Fluvio.Client;

/// <summary>Fluvio's error codes (wire protocol §7) as the client's <see cref="FluvioErrorCode"/>s.</summary>
internal static class NativeErrorMapping
{
    public static FluvioErrorCode CodeOf(ErrorCode error) => error.Code switch
    {
        ErrorCodes.TopicNotFound or ErrorCodes.TopicDeleted => FluvioErrorCode.TopicNotFound,
        ErrorCodes.TopicAlreadyExists => FluvioErrorCode.TopicExists,
        ErrorCodes.TopicInvalidName => FluvioErrorCode.InvalidTopicName,
        ErrorCodes.TopicInvalidConfiguration or ErrorCodes.InvalidCreateRequest or ErrorCodes.InvalidDeleteRequest => FluvioErrorCode.InvalidArgument,
        ErrorCodes.NotLeaderForPartition or ErrorCodes.PartitionNotLeader => FluvioErrorCode.PartitionNotFound,
        ErrorCodes.MessageTooLarge => FluvioErrorCode.RecordTooLarge,
        ErrorCodes.OffsetOutOfRange or ErrorCodes.OffsetEvicted => FluvioErrorCode.OffsetOutOfRange,
        ErrorCodes.StorageError => FluvioErrorCode.StorageFailure,
        ErrorCodes.RequestTimedOut => FluvioErrorCode.Timeout,
        ErrorCodes.CompressionError => FluvioErrorCode.InvalidBatch,
        ErrorCodes.PermissionDenied => FluvioErrorCode.Unauthenticated,
        _ => FluvioErrorCode.Unknown,
    };

    /// <summary>The error as an exception; the server's message when it sent one, else the code's name and the subject.</summary>
    public static FluvioException ToException(ErrorCode error, string? subject, string? statusMessage = null)
    {
        var code = CodeOf(error);
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
        var reason = Enum.TryParse<Proto.ErrorReason>(mapped.Code.ToString(), out var r) ? r : Proto.ErrorReason.Unspecified;
        return new Proto.Error { Reason = reason, Message = mapped.Message };
    }
}
