using Fluvio.Protocol.Grpc;
using Google.Protobuf;
using Grpc.Core;

namespace Fluvio.Client.Tests.Fakes;

internal sealed class FakeConsumerService(FakeState state) : Consumer.ConsumerBase
{
    public override async Task Consume(ConsumeRequest request, IServerStreamWriter<ConsumeResponse> responseStream, ServerCallContext context)
    {
        Interlocked.Increment(ref state.ConsumeStreams);
        lock (state.Gate)
        {
            state.ConsumeRequestsSeen.Add(request);
        }
        var topic = state.Topic(request.Topic);
        if (request.Partition >= topic.Spec.Partitions)
        {
            throw FakeState.Fail(StatusCode.NotFound, "PartitionNotFound", $"Partition {request.Partition} of topic '{request.Topic}' not found.");
        }
        long end = state.EndOffset(topic, request.Partition);
        long start = request.StartCase switch
        {
            ConsumeRequest.StartOneofCase.Offset => Math.Min(request.Offset, end),
            ConsumeRequest.StartOneofCase.FromEnd => Math.Max(0, end - request.FromEnd),
            ConsumeRequest.StartOneofCase.End => end,
            _ => 0,
        };
        lock (state.Gate)
        {
            if (request.Consumer.Length > 0 && state.Offsets.TryGetValue((request.Consumer, request.Topic, request.Partition), out var committed))
            {
                start = committed.Offset + 1;
            }
        }
        long stop = request.Continuous ? -1 : end;
        await responseStream.WriteAsync(new ConsumeResponse { StartOffset = start, StopOffset = stop, EndOffset = end });
        long next = start;
        while (!context.CancellationToken.IsCancellationRequested && (stop < 0 || next < stop))
        {
            StoredBatch? batch;
            lock (state.Gate)
            {
                batch = topic.Logs[request.Partition].FirstOrDefault(b => b.BaseOffset + b.Count > next);
            }
            if (batch is null)
            {
                await Task.Delay(10, context.CancellationToken);
                continue;
            }
            await responseStream.WriteAsync(new ConsumeResponse { Batches = ByteString.CopyFrom(batch.Bytes), EndOffset = state.EndOffset(topic, request.Partition) });
            next = batch.BaseOffset + batch.Count;
        }
    }
}
