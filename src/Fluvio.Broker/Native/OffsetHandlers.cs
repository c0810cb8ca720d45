using Fluvio.Broker.Core;
using Fluvio.Protocol.Native;
using Fluvio.Storage;

namespace Fluvio.Broker.Native;

/// <summary>
/// FetchOffsets, UpdateOffsets and the consumer-offset requests (wire protocol §5.3, §5.5, §5.6).
/// Consumer offsets live in the same store the gRPC door uses; like Fluvio, the stored value is
/// the last offset consumed, and a consumer resumes one after it.
/// </summary>
internal sealed class OffsetHandlers(BrokerCore core, SpuStreams streams)
{
    public Task FetchOffsetsAsync(NativeRequest request)
    {
        var fetch = request.Decode<FetchOffsetsRequest>();
        var topics = fetch.Topics
            .Select(topic => new FetchOffsetTopicResponse(topic.Name, topic.Partitions.Select(p => Offsets(topic.Name, p, fetch.ConsumerId)).ToList()))
            .ToList();
        return request.RespondAsync(new FetchOffsetsResponse(topics)).AsTask();
    }

    public Task UpdateOffsetsAsync(NativeRequest request)
    {
        var update = request.Decode<UpdateOffsetsRequest>();
        var statuses = update.Offsets.Select(offset =>
        {
            if (streams.Find(offset.SessionId) is not { } session)
            {
                return new OffsetUpdateStatus(offset.SessionId, ErrorCode.Of(ErrorCodes.FetchSessionNotFound));
            }
            session.Acknowledge(offset.Offset);
            return new OffsetUpdateStatus(offset.SessionId, ErrorCode.None);
        }).ToList();
        return request.RespondAsync(new UpdateOffsetsResponse(statuses)).AsTask();
    }

    /// <summary>Commits for the consumer named by the stream's StreamFetch (its consumer id).</summary>
    public Task UpdateConsumerOffsetAsync(NativeRequest request)
    {
        var update = request.Decode<UpdateConsumerOffsetRequest>();
        var response = streams.Find(update.SessionId) switch
        {
            null => new UpdateConsumerOffsetResponse(0, ErrorCode.Of(ErrorCodes.FetchSessionNotFound)),
            { ConsumerId: null } => new UpdateConsumerOffsetResponse(0, ErrorCode.Other("stream without consumer id")),
            var session => Commit(session.ConsumerId!, session.Topic, (uint)session.Partition, update.Offset),
        };
        return request.RespondAsync(response).AsTask();
    }

    public Task DeleteConsumerOffsetAsync(NativeRequest request)
    {
        var delete = request.Decode<DeleteConsumerOffsetRequest>();
        var error = ErrorCode.None;
        try
        {
            core.DeleteOffsets(delete.ConsumerId, delete.Replica.Topic, BrokerCore.PartitionIndex(delete.Replica.Partition));
        }
        catch (StorageException e)
        {
            error = ErrorCode.Other(e.Message);
        }
        return request.RespondAsync(new ErrorResponse(error)).AsTask();
    }

    public Task FetchConsumerOffsetsAsync(NativeRequest request)
    {
        request.Decode<FetchConsumerOffsetsRequest>();
        var consumers = core.ListOffsets()
            .Select(o => new ConsumerOffsetEntry(o.Consumer, new ReplicaKey(o.Topic, (uint)o.Partition), o.Offset, (ulong)Math.Max(0, o.Modified.ToUnixTimeMilliseconds())))
            .ToList();
        return request.RespondAsync(new FetchConsumerOffsetsResponse(ErrorCode.None, consumers)).AsTask();
    }

    private FetchOffsetPartitionResponse Offsets(string topic, uint partition, string? consumer)
    {
        try
        {
            var log = core.Partition(topic, partition);
            long end = log.EndOffset;
            long start = core.ResolveStart(log, consumer, ConsumeStart.Beginning);
            return new FetchOffsetPartitionResponse(ErrorCode.None, partition, start, end);
        }
        catch (StorageException)
        {
            // What the real SPU answers for a partition it does not lead.
            return new FetchOffsetPartitionResponse(ErrorCode.Of(ErrorCodes.PartitionNotLeader), partition, 0, 0);
        }
    }

    private UpdateConsumerOffsetResponse Commit(string consumer, string topic, uint partition, long offset)
    {
        try
        {
            core.CommitOffset(consumer, topic, partition, offset);
            return new UpdateConsumerOffsetResponse(offset, ErrorCode.None);
        }
        catch (StorageException e)
        {
            return new UpdateConsumerOffsetResponse(0, ErrorCode.Other(e.Message));
        }
    }
}
