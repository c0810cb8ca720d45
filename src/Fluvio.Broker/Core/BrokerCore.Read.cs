using Fluvio.Storage;

namespace Fluvio.Broker.Core;

internal sealed partial class BrokerCore
{
    /// <summary>
    /// The first offset to send. A named consumer with a committed offset resumes after it
    /// (clamped into the log) whatever else was asked; otherwise the request decides. An explicit
    /// offset outside the log is OffsetOutOfRange.
    /// </summary>
    public long ResolveStart(PartitionLog log, string? consumer, ConsumeStart start)
    {
        long logStart = log.LogStartOffset, end = log.EndOffset;
        if (!string.IsNullOrEmpty(consumer) && store.ConsumerOffsets.TryGet(consumer, log.Topic, log.Partition, out var committed))
        {
            return Math.Clamp(committed.Offset + 1, logStart, end);
        }
        switch (start.Kind)
        {
            case ConsumeStart.From.Offset:
                if (start.Value < logStart || start.Value > end)
                {
                    throw new StorageException(FluvioErrorCode.OffsetOutOfRange,
                        $"Offset {start.Value} is outside partition {log.Partition} of '{log.Topic}', which holds offsets {logStart} to {end - 1} (next: {end}).");
                }
                return start.Value;
            case ConsumeStart.From.FromEnd:
                return Math.Max(logStart, end - Math.Max(0, start.Value));
            case ConsumeStart.From.End:
                return end;
            default:
                return logStart;
        }
    }

    /// <summary>
    /// Waits for a record at <paramref name="position"/>. A closed partition (its topic deleted)
    /// also ends the wait, at once and every time: that throws its reason (TopicNotFound, "was
    /// deleted") instead of returning, so a continuous reader ends rather than spinning a core.
    /// </summary>
    public static async Task WaitForDataAsync(PartitionLog log, long position, CancellationToken cancellationToken)
    {
        await log.WaitForDataAsync(position, cancellationToken).ConfigureAwait(false);
        if (log.EndOffset <= position)
        {
            log.Read(position, 0);
        }
    }
}
