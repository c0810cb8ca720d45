namespace Fluvio.Storage;

/// <summary>
/// The one exception type the storage layer throws for expected failures. Its kind is one of the
/// broker's <see cref="FluvioErrorCode"/>s (TopicNotFound … StorageFailure), so each broker door
/// translates it to its wire without a storage-specific list in between.
/// </summary>
public sealed class StorageException(FluvioErrorCode error, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public FluvioErrorCode Error { get; } = error;
}

/// <summary>Why a partition refuses an operation; a fresh exception is made for each caller.</summary>
internal sealed record Refusal(FluvioErrorCode Error, string Message)
{
    public StorageException ToException(Exception? inner = null) => new(Error, Message, inner);
}
