using Fluvio.Protocol.Native;
using Fluvio.Storage;

namespace Fluvio.Broker.Native;

/// <summary>
/// The core's errors as the ErrorCode the real SPU or SC answers with in each place (wire
/// protocol §5, §7): the native door's one translation of <see cref="FluvioErrorCode"/>s.
/// </summary>
internal static class NativeErrors
{
    public static ErrorCode ForProduce(StorageException e) => e.Error switch
    {
        // The real SPU answers NotLeaderForPartition for a partition it does not lead, which includes unknown ones.
        FluvioErrorCode.TopicNotFound or FluvioErrorCode.PartitionNotFound => ErrorCode.Of(ErrorCodes.NotLeaderForPartition),
        FluvioErrorCode.RecordTooLarge => ErrorCode.Of(ErrorCodes.MessageTooLarge),
        FluvioErrorCode.StorageFailure => ErrorCode.Of(ErrorCodes.StorageError),
        FluvioErrorCode.CompressionMismatch => ErrorCode.Of(ErrorCodes.CompressionError),
        _ => ErrorCode.Other(e.Message),
    };

    public static ErrorCode ForFetch(StorageException e) => e.Error switch
    {
        FluvioErrorCode.OffsetOutOfRange => ErrorCode.Of(ErrorCodes.OffsetOutOfRange),
        FluvioErrorCode.TopicNotFound or FluvioErrorCode.PartitionNotFound => ErrorCode.Of(ErrorCodes.NotLeaderForPartition),
        _ => ErrorCode.Of(ErrorCodes.StorageError),
    };

    /// <summary>A stream that was running: its partition went away (the topic was deleted) or moved past it.</summary>
    public static ErrorCode ForStream(StorageException e, long position, long logStartOffset) => e.Error switch
    {
        FluvioErrorCode.TopicNotFound or FluvioErrorCode.PartitionNotFound => ErrorCode.Of(ErrorCodes.TopicDeleted),
        FluvioErrorCode.OffsetOutOfRange => ErrorCode.OffsetEvicted(position, logStartOffset),
        FluvioErrorCode.StorageFailure => ErrorCode.Of(ErrorCodes.StorageError),
        _ => ErrorCode.Other(e.Message),
    };

    /// <summary>
    /// The status the SC answers a refused topic create or update (add-partition) with: each
    /// raises only its own kinds (a create never a missing topic, an update never a taken name).
    /// </summary>
    public static Status ForTopicChange(string name, StorageException e) => e.Error switch
    {
        FluvioErrorCode.TopicExists => new Status(name, ErrorCode.Of(ErrorCodes.TopicAlreadyExists), $"Topic '{name}' already exists"),
        FluvioErrorCode.TopicNotFound => new Status(name, ErrorCode.Of(ErrorCodes.TopicNotFound), e.Message),
        FluvioErrorCode.InvalidTopicName => new Status(name, ErrorCode.Of(ErrorCodes.TopicInvalidName), e.Message),
        FluvioErrorCode.InvalidArgument => new Status(name, ErrorCode.Of(ErrorCodes.TopicInvalidConfiguration), e.Message),
        _ => new Status(name, ErrorCode.Of(ErrorCodes.TopicError), e.Message),
    };
}
