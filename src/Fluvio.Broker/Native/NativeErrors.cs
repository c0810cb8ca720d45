using Fluvio.Protocol.Native;
using Fluvio.Storage;

namespace Fluvio.Broker.Native;

/// <summary>Storage errors as the ErrorCode an SPU would answer with (wire protocol §5, §7).</summary>
internal static class NativeErrors
{
    public static ErrorCode ForProduce(StorageException e) => e.Error switch
    {
        // The real SPU answers NotLeaderForPartition for a partition it does not lead, which includes unknown ones.
        FluvioErrorCode.TopicNotFound or FluvioErrorCode.PartitionNotFound => ErrorCode.Of(ErrorCodes.NotLeaderForPartition),
        FluvioErrorCode.RecordTooLarge => ErrorCode.Of(ErrorCodes.MessageTooLarge),
        FluvioErrorCode.StorageFailure => ErrorCode.Of(ErrorCodes.StorageError),
        _ => ErrorCode.Other(e.Message),
    };
}
