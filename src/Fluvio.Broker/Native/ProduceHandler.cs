using Fluvio.Protocol.Compression;
using Fluvio.Protocol.Native;
using Fluvio.Protocol.Records;
using Fluvio.Storage;

namespace Fluvio.Broker.Native;

/// <summary>
/// Produce (wire protocol §5.2): each entry's batches are appended as sent (compressed ones
/// too); storage assigns the offsets. Every append is queued before the first await, so the
/// entries of pipelined requests reach a partition in the order the producer sent them.
/// </summary>
internal sealed class ProduceHandler(LogStore store)
{
    // Kafka's "no log append time": batches keep the producer's timestamps.
    private const long NoLogAppendTime = -1;

    public async Task HandleAsync(NativeRequest request)
    {
        var produce = request.Decode<ProduceRequest>();
        var pending = produce.Topics
            .Select(topic => (topic.Name, Entries: topic.Partitions.Select(entry => AppendAsync(topic.Name, entry, produce.SmartModules)).ToList()))
            .ToList();
        var responses = new List<TopicProduceResponse>(pending.Count);
        foreach (var (name, entries) in pending)
        {
            // One answer per entry, in request order: the client pairs them with its batches by position.
            responses.Add(new TopicProduceResponse(name, await Task.WhenAll(entries).ConfigureAwait(false)));
        }
        await request.RespondAsync(new ProduceResponse(responses, ThrottleTimeMs: 0)).ConfigureAwait(false);
    }

    private async Task<PartitionProduceResponse> AppendAsync(string topic, PartitionProduceData entry, IReadOnlyList<SmartModuleInvocation> smartModules)
    {
        uint index = entry.PartitionIndex;
        ValueTask<long[]> append;
        PartitionLog log;
        try
        {
            log = store.GetPartition(topic, TopicMapping.PartitionIndex(index));
            if (smartModules.Count > 0)
            {
                return Failed(index, ErrorCode.Other($"{smartModules[0].Describe()} was asked for, and this broker runs no SmartModules."));
            }
            // An entry without records is answered OK and stores nothing, as the real SPU does.
            if (RecordCount(entry.Batches.Span) is 0)
            {
                return Succeeded(index, 0, log);
            }
            if (!CompressionAllowed(store.GetTopic(topic).Compression, entry.Batches.Span))
            {
                return Failed(index, ErrorCode.Of(ErrorCodes.CompressionError));
            }
            append = log.AppendAsync(entry.Batches);
        }
        catch (StorageException e)
        {
            return Failed(index, NativeErrors.ForProduce(e));
        }
        try
        {
            long[] offsets = await append.ConfigureAwait(false);
            return Succeeded(index, offsets[0], log);
        }
        catch (StorageException e)
        {
            return Failed(index, NativeErrors.ForProduce(e));
        }
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

    /// <summary>A topic that names a codec takes batches of that codec only (the real SPU's CompressionError).</summary>
    private static bool CompressionAllowed(TopicCompression topic, ReadOnlySpan<byte> batches)
    {
        if (topic == TopicCompression.Any)
        {
            return true;
        }
        var wanted = topic switch
        {
            TopicCompression.Gzip => CompressionCodec.Gzip,
            TopicCompression.Snappy => CompressionCodec.Snappy,
            TopicCompression.Lz4 => CompressionCodec.Lz4,
            TopicCompression.Zstd => CompressionCodec.Zstd,
            _ => CompressionCodec.None,
        };
        while (BatchHeader.TryRead(batches, out var header) && header.TotalSize <= batches.Length && header.BatchLength >= BatchLayout.HeaderSize)
        {
            if (header.Compression != wanted)
            {
                return false;
            }
            batches = batches[(int)header.TotalSize..];
        }
        return true;
    }

    private static PartitionProduceResponse Succeeded(uint index, long baseOffset, PartitionLog log) =>
        new(index, ErrorCode.None, baseOffset, NoLogAppendTime, log.LogStartOffset);

    private static PartitionProduceResponse Failed(uint index, ErrorCode error) =>
        new(index, error, BaseOffset: 0, NoLogAppendTime, LogStartOffset: 0);
}
