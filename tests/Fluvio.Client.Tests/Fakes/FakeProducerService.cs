using Fluvio.Protocol.Grpc;
using Fluvio.Protocol.Records;
using Grpc.Core;

namespace Fluvio.Client.Tests.Fakes;

internal sealed class FakeProducerService(FakeState state) : Producer.ProducerBase
{
    public override async Task Produce(IAsyncStreamReader<ProduceRequest> requestStream, IServerStreamWriter<ProduceResponse> responseStream, ServerCallContext context)
    {
        Interlocked.Increment(ref state.ProduceStreams);
        await foreach (var request in requestStream.ReadAllAsync(context.CancellationToken))
        {
            int n = Interlocked.Increment(ref state.ProduceRequests);
            var fault = state.ProduceHook?.Invoke(request, n) ?? ProduceFault.None;
            if (fault == ProduceFault.AbortBefore)
            {
                throw new RpcException(new Status(StatusCode.Unavailable, "fault injected before append"));
            }
            if (fault == ProduceFault.Hang)
            {
                continue;
            }
            var response = Apply(request);
            if (fault == ProduceFault.AbortAfter)
            {
                throw new RpcException(new Status(StatusCode.Unavailable, "fault injected after append"));
            }
            await responseStream.WriteAsync(response);
        }
    }

    private ProduceResponse Apply(ProduceRequest request)
    {
        var response = new ProduceResponse { Id = request.Id };
        state.Topics.TryGetValue(request.Topic, out var topic);
        foreach (var entry in request.Partitions)
        {
            var result = new PartitionResult { Partition = entry.Partition };
            var error = Check(topic, request.Topic, entry);
            if (error is not null)
            {
                result.Error = error;
            }
            else
            {
                result.BaseOffsets.AddRange(state.Append(topic!, entry.Partition, entry.Batches.Memory));
            }
            response.Partitions.Add(result);
        }
        return response;
    }

    private Error? Check(FakeTopic? topic, string name, PartitionBatches entry)
    {
        if (topic is null)
        {
            return new Error { Reason = ErrorReason.TopicNotFound, Message = $"Topic '{name}' not found." };
        }
        if (entry.Partition >= topic.Spec.Partitions)
        {
            return new Error { Reason = ErrorReason.PartitionNotFound, Message = $"Partition {entry.Partition} not found." };
        }
        lock (state.Gate)
        {
            if (state.PartitionErrors.TryGetValue(entry.Partition, out var reason))
            {
                return new Error { Reason = reason, Message = $"injected {reason}" };
            }
        }
        foreach (var batch in RecordBatch.Split(entry.Batches.Memory))
        {
            if (!RecordBatch.TryValidate(batch.Span, out _, out var problem))
            {
                return new Error { Reason = ErrorReason.InvalidBatch, Message = problem };
            }
            if (batch.Length > state.MaxBatchBytes)
            {
                return new Error { Reason = ErrorReason.RecordTooLarge, Message = $"batch of {batch.Length} bytes exceeds {state.MaxBatchBytes}" };
            }
        }
        return null;
    }
}
