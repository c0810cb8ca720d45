using System.Diagnostics.CodeAnalysis;
using Fluvio.Storage;

namespace Fluvio.Broker.Core;

internal sealed partial class BrokerCore
{
    /// <summary>Records that <paramref name="consumer"/> has processed the partition up to <paramref name="offset"/> (-1: nothing yet).</summary>
    public ConsumerOffset CommitOffset(string? consumer, string topic, uint partition, long offset)
    {
        if (string.IsNullOrEmpty(consumer))
        {
            throw new StorageException(FluvioErrorCode.InvalidArgument, "A consumer name is required to commit an offset.");
        }
        var log = Partition(topic, partition);
        if (offset < -1 || offset >= log.EndOffset)
        {
            throw new StorageException(FluvioErrorCode.OffsetOutOfRange,
                $"Cannot commit offset {offset}: partition {partition} of '{topic}' ends before offset {log.EndOffset}.");
        }
        return store.ConsumerOffsets.Commit(consumer, topic, log.Partition, offset);
    }

    public bool TryGetOffset(string consumer, string topic, uint partition, [NotNullWhen(true)] out ConsumerOffset? offset) =>
        store.ConsumerOffsets.TryGet(consumer, topic, PartitionIndex(partition), out offset);

    public IReadOnlyList<ConsumerOffset> ListOffsets(string? consumer = null, string? topic = null) =>
        store.ConsumerOffsets.List(consumer, topic);

    public IReadOnlyList<ConsumerOffset> DeleteOffsets(string consumer, string? topic, int? partition) =>
        store.ConsumerOffsets.Delete(consumer, topic, partition);
}
