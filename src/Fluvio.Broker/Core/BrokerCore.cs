using Fluvio.Storage;

namespace Fluvio.Broker.Core;

/// <summary>
/// What the broker does, whichever door a request came in by: append with the topic's policies,
/// read from a resolved start, admin, consumer offsets, and every limit. The gRPC services and
/// the native handlers only translate their wire to these calls and the results back. Failures
/// are <see cref="StorageException"/>s whose kind (a <see cref="FluvioErrorCode"/>) each door
/// maps to its wire once (RpcErrors, Native/NativeErrors).
/// </summary>
internal sealed partial class BrokerCore(LogStore store, BrokerLimits limits)
{
    /// <summary>The SPU id this single node reports as every partition's leader (Fluvio's first local SPU).</summary>
    public const int LocalSpuId = 5001;

    /// <summary>Read answers built but not yet written, both doors together (<see cref="BrokerLimits.MaxPendingResponseBytes"/>).</summary>
    public ByteBudget PendingAnswers { get; } = new(limits.MaxPendingResponseBytes);

    /// <summary>A wire partition number as an index; numbers past int range simply name no partition.</summary>
    public static int PartitionIndex(uint partition) => partition > int.MaxValue ? int.MaxValue : (int)partition;

    /// <summary>
    /// The partition's log; throws TopicNotFound or PartitionNotFound, and InvalidArgument for a
    /// number no partition can have (past int range), rather than naming a partition never asked for.
    /// </summary>
    public PartitionLog Partition(string topic, uint partition) =>
        partition > int.MaxValue
            ? throw new StorageException(FluvioErrorCode.InvalidArgument, $"partition must be 0 to {int.MaxValue}, {partition} given.")
            : store.GetPartition(topic, (int)partition);

    public PartitionLog Partition(string topic, int partition) => store.GetPartition(topic, partition);
}
