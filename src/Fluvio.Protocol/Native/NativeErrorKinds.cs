namespace Fluvio.Protocol.Native;

/// <summary>
/// Fluvio's native error codes (wire protocol §7) read as the shared <see cref="FluvioErrorCode"/>:
/// the one mapping from this wire format to the error kinds. Several codes name one kind (an
/// SPU says NotLeaderForPartition where the SC says TopicNotFound).
/// </summary>
public static class NativeErrorKinds
{
    public static FluvioErrorCode KindOf(ErrorCode error) => error.Code switch
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
        ErrorCodes.CompressionError => FluvioErrorCode.CompressionMismatch,
        ErrorCodes.PermissionDenied => FluvioErrorCode.Unauthenticated,
        6001 => FluvioErrorCode.SmartModuleNotFound,
        >= 6000 and <= 6008 => FluvioErrorCode.SmartModuleFailed,
        _ => FluvioErrorCode.Unknown,
    };
}
