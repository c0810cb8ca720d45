using Grpc.Core;
using Proto = Fluvio.Protocol.Grpc;

namespace Fluvio.Client;

/// <summary>One partition's server-streaming Consume call, its failures mapped.</summary>
internal sealed class GrpcConsumeStream(AsyncServerStreamingCall<Proto.ConsumeResponse> call, ErrorMapper mapper, string topic) : IConsumeStream
{
    public Proto.ConsumeResponse Current => call.ResponseStream.Current;

    public async ValueTask<bool> MoveNextAsync(CancellationToken ct)
    {
        try
        {
            return await call.ResponseStream.MoveNext(ct).ConfigureAwait(false);
        }
        catch (RpcException e)
        {
            throw mapper.FromRpc(e, topic);
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw mapper.Unreachable(e);
        }
    }

    public ValueTask DisposeAsync()
    {
        call.Dispose();
        return ValueTask.CompletedTask;
    }
}
