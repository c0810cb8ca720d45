namespace Fluvio.Storage;

/// <summary>Why a storage operation failed; stable so the broker can map each to a wire error code.</summary>
public enum StorageError
{
    TopicNotFound,
    TopicExists,
    InvalidTopicName,
    PartitionNotFound,
    RecordTooLarge,
    InvalidBatch,
    OffsetOutOfRange,
    InvalidArgument,
    ConsumerOffsetNotFound,
    StorageFailure,
}

/// <summary>The one exception type the storage layer throws for expected failures.</summary>
public sealed class StorageException(StorageError error, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public StorageError Error { get; } = error;
}

/// <summary>Why a partition refuses an operation; a fresh exception is made for each caller.</summary>
internal sealed record Refusal(StorageError Error, string Message)
{
    public StorageException ToException(Exception? inner = null) => new(Error, Message, inner);
}
