using Fluvio.Protocol.Records;
using Fluvio.Storage;

namespace Fluvio.Broker.Core;

internal sealed partial class BrokerCore
{
    /// <summary>
    /// Appends one entry's batches to a partition. The topic's policies are checked and the
    /// append is queued before this returns, so a door that calls it for its entries in order
    /// (without awaiting in between) gets them stored in that order and sharing group commits.
    /// </summary>
    public ValueTask<AppendOutcome> AppendAsync(string topic, uint partition, ReadOnlyMemory<byte> batches)
    {
        PartitionLog log;
        try
        {
            log = Partition(topic, partition);
        }
        catch (StorageException e)
        {
            return ValueTask.FromResult(AppendOutcome.Refused(e));
        }
        return AppendAsync(log, batches);
    }

    /// <inheritdoc cref="AppendAsync(string, uint, ReadOnlyMemory{byte})"/>
    /// <param name="claimAllowance">For a SmartModule chain's output: the offsets its checked input claimed (<see cref="ApplySmartModules"/>).</param>
    public ValueTask<AppendOutcome> AppendAsync(PartitionLog log, ReadOnlyMemory<byte> batches, long claimAllowance = 0)
    {
        ValueTask<long[]> append;
        try
        {
            EnforceCompression(store.GetTopic(log.Topic), batches.Span);
            append = log.AppendAsync(batches, claimAllowance);
        }
        catch (StorageException e)
        {
            return ValueTask.FromResult(AppendOutcome.Refused(e));
        }
        return CompleteAsync(log, append);
    }

    private static async ValueTask<AppendOutcome> CompleteAsync(PartitionLog log, ValueTask<long[]> append)
    {
        try
        {
            long[] offsets = await append.ConfigureAwait(false);
            return AppendOutcome.Stored(offsets, log.LogStartOffset);
        }
        catch (StorageException e)
        {
            return AppendOutcome.Refused(e);
        }
    }

    /// <summary>
    /// A topic that names a codec takes batches of that codec only (the real SPU's CompressionError).
    /// Headers that do not read are left to storage, which names the problem.
    /// </summary>
    private static void EnforceCompression(TopicConfig topic, ReadOnlySpan<byte> batches)
    {
        if (topic.Compression == TopicCompression.Any)
        {
            return;
        }
        while (BatchHeader.TryRead(batches, out var header) && header.TotalSize <= batches.Length && header.BatchLength >= BatchLayout.HeaderSize)
        {
            if (!topic.Compression.Accepts(header.Compression))
            {
                throw new StorageException(FluvioErrorCode.CompressionMismatch,
                    $"Topic '{topic.Name}' takes {topic.Compression} batches only; this one is {header.Compression}.");
            }
            batches = batches[(int)header.TotalSize..];
        }
    }
}
