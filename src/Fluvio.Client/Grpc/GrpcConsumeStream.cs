using Grpc.Core;
using Proto = Fluvio.Protocol.Grpc;

namespace Fluvio.Client;

/// <summary>One partition's server-streaming Consume call, its failures mapped.</summary>
internal sealed class GrpcConsumeStream(AsyncServerStreamingCall<Proto.ConsumeResponse> call, ConnectionErrors errors, string topic) : IConsumeStream
{
    /// <summary>
    /// The most batch bytes one gRPC response asks for, whatever larger bound the caller sets:
    /// below .NET's large-object threshold (85,000 bytes), so each response's buffers are
    /// short-lived gen-0 memory instead of large objects whose churn forces full collections
    /// (1 MiB responses read 1.7 M records/s here, 64 KiB ones 2.7–3.8 M). It costs no round
    /// trips: a gRPC stream flows without a per-response acknowledgement, under HTTP/2's window.
    /// </summary>
    internal const int MaxResponseBytes = 64 * 1024;

    public ConsumedChunk Current { get; private set; } = null!;

    internal static Proto.ConsumeRequest ToRequest(string topic, int partition, ConsumerOptions options)
    {
        var request = new Proto.ConsumeRequest
        {
            Topic = topic,
            Partition = (uint)partition,
            Continuous = options.Continuous,
            MaxBytes = Math.Min(options.MaxBytes, MaxResponseBytes),
            Consumer = options.Consumer ?? "",
        };
        foreach (var module in options.SmartModules ?? [])
        {
            request.Smartmodules.Add(ProtoConvert.ToProto(module));
        }
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
