using Fluvio.Storage;

namespace Fluvio.Broker.Core;

/// <summary>One partition entry's answer: the base offset of each stored batch, or why none was stored.</summary>
internal readonly record struct AppendOutcome(long[] BaseOffsets, long LogStartOffset, StorageException? Error)
{
    public static AppendOutcome Stored(long[] baseOffsets, long logStartOffset) => new(baseOffsets, logStartOffset, null);

    public static AppendOutcome Refused(StorageException error) => new([], 0, error);
}
