using Fluvio.Protocol.Native;
using Fluvio.Storage;

using Fluvio.Broker.Core;

namespace Fluvio.Broker.Native;

/// <summary>
/// Fetch (SPU key 1, wire protocol §5.7), the one-shot read the real SPU still advertises: for each
/// partition, the stored batches from the one holding the offset, bounded by max bytes. It answers
/// at once with what is there (max_wait and min_bytes are not waited on).
/// </summary>
internal sealed class FetchHandler(BrokerCore core)
{
    /// <summary>Bytes of a Fetch answer besides its batches, rounded up.</summary>
    private const int ResponseOverhead = 256;

    public async Task HandleAsync(NativeRequest request)
    {
        var fetch = request.Decode<FetchRequest>();
        var connection = request.Connection;
        // One budget for the whole answer, so asking for many partitions cannot multiply it; taken
        // from the connection's response budget before anything is read, so pipelined Fetches to a
        // client that does not read wait their turn instead of each holding its answer.
        int budget = Math.Min(StreamFetchSession.MaxBytesPerFrame, connection.Responses.PerConnection);
        if (fetch.MaxBytes > 0)
        {
            budget = Math.Min(budget, fetch.MaxBytes);
        }
        using var reserved = await connection.Responses.TakeAsync(ResponseOverhead + (long)budget, connection.Closing).ConfigureAwait(false);
        // Built apart, so only the frame (not the batches it was copied from) waits for the socket.
        var frame = Answer(request, fetch, budget);
        await connection.SendAsync(frame, reserved).ConfigureAwait(false);
    }

    private byte[] Answer(NativeRequest request, FetchRequest fetch, int granted)
    {
        int budget = granted;
        var topics = new List<FetchableTopicResponse>(fetch.Topics.Count);
        foreach (var topic in fetch.Topics)
        {
            var partitions = new List<FetchablePartitionResponse>(topic.Partitions.Count);
            foreach (var partition in topic.Partitions)
            {
                var response = Read(topic.Name, partition, fetch.MaxBytes, budget);
                budget -= response.Batches.Length;
                partitions.Add(response);
            }
            topics.Add(new FetchableTopicResponse(topic.Name, partitions));
        }
        // Sized from the batches read, as a stream frame is: one buffer, not one that doubles.
        int batchBytes = granted - budget;
        return NativeFrame.Response(request.Header.CorrelationId, request.Version,
            new FetchResponse(ThrottleTimeMs: 0, ErrorCode.None, SessionId: 0, topics), sizeHint: ResponseOverhead + batchBytes);
    }

    private FetchablePartitionResponse Read(string topic, FetchPartition partition, int requestMaxBytes, int budget)
    {
        try
        {
            var log = core.Partition(topic, partition.PartitionIndex);
            long end = log.EndOffset;
            int maxBytes = Math.Min(Math.Max(0, partition.MaxBytes), requestMaxBytes > 0 ? requestMaxBytes : int.MaxValue);
            // Past the budget a partition gets no records, rather than the one batch a read always gives.
            var batches = budget > 0 ? log.Read(partition.FetchOffset, Math.Min(maxBytes, budget)) : ReadOnlyMemory<byte>.Empty;
            return new FetchablePartitionResponse(partition.PartitionIndex, ErrorCode.None, end, 0, log.LogStartOffset, null, batches);
        }
        catch (StorageException e)
        {
            var error = NativeErrors.ForFetch(e);
            return new FetchablePartitionResponse(partition.PartitionIndex, error, 0, 0, 0, null, ReadOnlyMemory<byte>.Empty);
        }
    }
}
