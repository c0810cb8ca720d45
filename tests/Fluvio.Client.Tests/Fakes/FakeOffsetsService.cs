using Fluvio.Protocol.Grpc;
using Grpc.Core;

namespace Fluvio.Client.Tests.Fakes;

internal sealed class FakeOffsetsService(FakeState state) : Offsets.OffsetsBase
{
    public override Task<FetchOffsetsResponse> FetchOffsets(FetchOffsetsRequest request, ServerCallContext context)
    {
        var topic = state.Topic(request.Topic);
        if (request.Partition >= topic.Spec.Partitions)
        {
            throw FakeState.Fail(StatusCode.NotFound, "PartitionNotFound", $"Partition {request.Partition} of topic '{request.Topic}' not found.");
        }
        return Task.FromResult(new FetchOffsetsResponse { LogStart = 0, EndOffset = state.EndOffset(topic, request.Partition) });
    }

    public override Task<ConsumerOffset> CommitConsumerOffset(CommitConsumerOffsetRequest request, ServerCallContext context)
    {
        state.Topic(request.Topic);
        var offset = new ConsumerOffset { Consumer = request.Consumer, Topic = request.Topic, Partition = request.Partition, Offset = request.Offset, ModifiedUnixMs = 1_700_000_000_000 };
        lock (state.Gate)
        {
            state.Offsets[(request.Consumer, request.Topic, request.Partition)] = offset;
        }
        return Task.FromResult(offset);
    }

    public override Task<ConsumerOffset> GetConsumerOffset(GetConsumerOffsetRequest request, ServerCallContext context)
    {
        lock (state.Gate)
        {
            return state.Offsets.TryGetValue((request.Consumer, request.Topic, request.Partition), out var offset)
                ? Task.FromResult(offset)
                : throw FakeState.Fail(StatusCode.NotFound, "ConsumerOffsetNotFound", "");
        }
    }

    public override Task<ListConsumerOffsetsResponse> ListConsumerOffsets(ListConsumerOffsetsRequest request, ServerCallContext context)
    {
        lock (state.Gate)
        {
            var response = new ListConsumerOffsetsResponse();
            response.Offsets.AddRange(state.Offsets.Values.Where(o =>
                (request.Consumer.Length == 0 || o.Consumer == request.Consumer) && (request.Topic.Length == 0 || o.Topic == request.Topic)));
            return Task.FromResult(response);
        }
    }

    public override Task<DeleteConsumerOffsetsResponse> DeleteConsumerOffsets(DeleteConsumerOffsetsRequest request, ServerCallContext context)
    {
        lock (state.Gate)
        {
            var response = new DeleteConsumerOffsetsResponse();
            foreach (var (key, offset) in state.Offsets.ToList())
            {
                if (key.Consumer == request.Consumer && (request.Topic.Length == 0 || key.Topic == request.Topic)
                    && (!request.HasPartition || key.Partition == request.Partition))
                {
                    state.Offsets.Remove(key);
                    response.Deleted.Add(offset);
                }
            }
            return Task.FromResult(response);
        }
    }
}
