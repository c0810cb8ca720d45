using Grpc.Core;
using Proto = Fluvio.Protocol.Grpc;

namespace Fluvio.Client;

/// <summary>One partition's server-streaming Consume call, its failures mapped.</summary>
internal sealed class GrpcConsumeStream(AsyncServerStreamingCall<Proto.ConsumeResponse> call, ConnectionErrors errors, string topic) : IConsumeStream
{
    public ConsumedChunk Current { get; private set; } = null!;

    internal static Proto.ConsumeRequest ToRequest(string topic, int partition, ConsumerOptions options)
    {
        var request = new Proto.ConsumeRequest
        {
            Topic = topic,
            Partition = (uint)partition,
            Continuous = options.Continuous,
            MaxBytes = options.MaxBytes,
            Consumer = options.Consumer ?? "",
        };
        switch (options.Start)
        {
            case ConsumerStart.OffsetStart s:
                request.Offset = s.Offset;
                break;
            case ConsumerStart.FromEndStart s:
                request.FromEnd = s.Count;
                break;
            case ConsumerStart.EndStart:
                request.End = true;
                break;
            default:
                request.Beginning = true;
                break;
        }
        return request;
    }

    public async ValueTask<bool> MoveNextAsync(CancellationToken ct)
    {
        try
        {
            if (!await call.ResponseStream.MoveNext(ct).ConfigureAwait(false))
            {
                return false;
            }
            var r = call.ResponseStream.Current;
            Current = new ConsumedChunk(r.StartOffset, r.StopOffset, r.EndOffset, r.LogStart, r.Batches.Memory);
            return true;
        }
        catch (RpcException e)
        {
            throw errors.FromRpc(e, topic);
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw errors.Unreachable(e);
        }
    }

    public ValueTask DisposeAsync()
    {
        call.Dispose();
        return ValueTask.CompletedTask;
    }
}
