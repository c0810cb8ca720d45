using System.Buffers;
using Grpc.Core;
using Proto = Fluvio.Protocol.Grpc;

namespace Fluvio.Client;

/// <summary>
/// A produce link over one bidirectional gRPC Produce stream. Breaking cancels the call, so every
/// pending read and write ends.
/// </summary>
internal sealed class GrpcProduceLink : ProduceLinkBase
{
    private readonly CancellationTokenSource _callCts = new();
    private readonly AsyncDuplexStreamingCall<Proto.ProduceRequest, Proto.ProduceResponse> _call;

    private readonly string _topic;
    private readonly ConnectionErrors _errors;

    private readonly Proto.SmartModule[] _smartModules;

    public GrpcProduceLink(Proto.Producer.ProducerClient client, string topic, ConnectionErrors errors, IReadOnlyList<SmartModuleSpec>? smartModules = null)
    {
        _smartModules = [.. (smartModules ?? []).Select(ProtoConvert.ToProto)];
        _topic = topic;
        _errors = errors;
        _call = client.Produce(cancellationToken: _callCts.Token);
    }

    protected override void OnBroken() => _callCts.Cancel();

    public override async Task SendAsync(ProduceCall call)
    {
        var rented = new List<byte[]>(call.Partitions.Count);
        try
        {
            await _call.RequestStream.WriteAsync(GrpcProduceMapping.ToRequest(call, _smartModules, rented)).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Break(Explain(e));
        }
        finally
        {
            // The write has serialized the request (or failed): nothing reads these arrays any more.
            foreach (var bytes in rented)
            {
                ArrayPool<byte>.Shared.Return(bytes);
            }
        }
    }

    public override async Task ReadAsync(Action<ProduceAnswer> onAnswer)
    {
        try
        {
            var responses = _call.ResponseStream;
            while (await responses.MoveNext(CancellationToken.None).ConfigureAwait(false))
            {
                onAnswer(GrpcProduceMapping.ToAnswer(responses.Current, _topic));
            }
            Break(Explain(new RpcException(new Status(StatusCode.Unavailable, "the broker closed the produce stream"))));
        }
        catch (Exception e)
        {
            Break(Explain(e));
        }
    }

    public override async Task CloseAsync(TimeSpan grace)
    {
        if (!IsBroken)
        {
            await _call.RequestStream.CompleteAsync().WaitAsync(grace).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Why the stream broke, as the sender classifies it: a gRPC failure as its
    /// <see cref="FluvioException"/>; a write that failed with a bare cancellation we did not ask
    /// for as the call's status (connection refused or reset), which, not the cancellation, says why.
    /// </summary>
    private Exception Explain(Exception failure)
    {
        if (failure is OperationCanceledException && !_callCts.IsCancellationRequested)
        {
            try
            {
                var status = _call.GetStatus();
                if (status.StatusCode != StatusCode.OK)
                {
                    return _errors.FromRpc(new RpcException(status), _topic);
                }
            }
            catch (InvalidOperationException)
            {
                // The call has no status yet; the cancellation is all we know.
            }
        }
        return failure is RpcException rpc ? _errors.FromRpc(rpc, _topic) : failure;
    }

    public override void Dispose()
    {
        Break(new ObjectDisposedException(nameof(GrpcProduceLink)));
        _call.Dispose();
    }
}
