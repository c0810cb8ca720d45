using Fluvio.Broker.Core;
using Fluvio.Broker.SmartModules;
using Fluvio.Protocol.Native;
using Fluvio.Protocol.Records;
using Fluvio.Storage;

namespace Fluvio.Broker.Native;

/// <summary>
/// Produce (wire protocol §5.2): each entry's batches go to the core as sent (compressed ones
/// too), which checks the topic's policies and appends. Every append is queued before the first
/// await, so the entries of pipelined requests reach a partition in the order the producer sent
/// them. What stays here is the native protocol's own: SmartModules run over each entry before it
/// is appended (as the SPU runs them), empty entries answered.
/// </summary>
internal sealed class ProduceHandler(BrokerCore core)
{
    // Kafka's "no log append time": batches keep the producer's timestamps.
    private const long NoLogAppendTime = -1;

    public async Task HandleAsync(NativeRequest request)
    {
        var produce = request.Decode<ProduceRequest>();
        var pending = produce.Topics
            .Select(topic => (topic.Name, Entries: topic.Partitions.Select(entry => AppendAsync(topic.Name, entry, produce.SmartModules, request.Version)).ToList()))
            .ToList();
        var responses = new List<TopicProduceResponse>(pending.Count);
        foreach (var (name, entries) in pending)
        {
            // One answer per entry, in request order: the client pairs them with its batches by position.
            responses.Add(new TopicProduceResponse(name, await Task.WhenAll(entries).ConfigureAwait(false)));
        }
        await request.RespondAsync(new ProduceResponse(responses, ThrottleTimeMs: 0)).ConfigureAwait(false);
    }

    private async Task<PartitionProduceResponse> AppendAsync(string topic, PartitionProduceData entry, IReadOnlyList<SmartModuleInvocation> smartModules, short version)
    {
        uint index = entry.PartitionIndex;
        ValueTask<AppendOutcome> append;
        try
        {
            var log = core.Partition(topic, index);
            // An entry without records is answered OK and stores nothing, as the real SPU does.
            if (RecordCount(entry.Batches.Span) is 0)
            {
                return Succeeded(index, 0, log.LogStartOffset);
            }
            var batches = entry.Batches;
            long claimed = 0;
            if (smartModules.Count > 0)
            {
                // Run here, before the first await: appends stay queued in the order they were sent.
                (batches, claimed) = core.ApplySmartModules(log, () => NativeSmartModules.Start(core, smartModules, version, log), batches);
                if (batches.IsEmpty)
                {
                    return Succeeded(index, 0, log.LogStartOffset); // everything filtered out: the SPU's "filtered" answer
                }
            }
            append = core.AppendAsync(log, batches, claimed);
        }
        catch (SmartModuleException e)
        {
            return Failed(index, NativeSmartModules.ToErrorCode(e));
        }
        catch (StorageException e)
        {
            return Failed(index, NativeErrors.ForProduce(e));
        }
        var outcome = await append.ConfigureAwait(false);
        return outcome.Error is { } error
            ? Failed(index, NativeErrors.ForProduce(error))
            : Succeeded(index, outcome.BaseOffsets[0], outcome.LogStartOffset);
    }

    /// <summary>Records in the entry, or null when its headers do not read (storage then names the problem).</summary>
    private static long? RecordCount(ReadOnlySpan<byte> batches)
    {
        long count = 0;
        while (!batches.IsEmpty)
        {
            if (!BatchHeader.TryRead(batches, out var header) || header.TotalSize > batches.Length || header.BatchLength < BatchLayout.HeaderSize)
            {
                return null;
            }
            count += Math.Max(0, header.RecordCount);
            batches = batches[(int)header.TotalSize..];
        }
        return count;
    }

    private static PartitionProduceResponse Succeeded(uint index, long baseOffset, long logStartOffset) =>
        new(index, ErrorCode.None, baseOffset, NoLogAppendTime, logStartOffset);

    private static PartitionProduceResponse Failed(uint index, ErrorCode error) =>
        new(index, error, BaseOffset: 0, NoLogAppendTime, LogStartOffset: 0);
}
