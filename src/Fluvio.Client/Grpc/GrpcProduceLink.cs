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

    public GrpcProduceLink(Proto.Producer.ProducerClient client, string topic)
    {
        _topic = topic;
        _call = client.Produce(cancellationToken: _callCts.Token);
    }

    protected override void OnBroken() => _callCts.Cancel();

    public override async Task SendAsync(ProduceCall call)
    {
        try
        {
            await _call.RequestStream.WriteAsync(GrpcProduceMapping.ToRequest(call)).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Break(Explain(e));
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
            Break(new RpcException(new Status(StatusCode.Unavailable, "the broker closed the produce stream")));
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
    /// A write that failed with a bare cancellation we did not ask for: the call itself failed
    /// (connection refused or reset), and its status, not the cancellation, says why.
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
                    return new RpcException(status);
                }
            }
            catch (InvalidOperationException)
            {
                // The call has no status yet; the cancellation is all we know.
            }
        }
        return failure;
    }

    public override void Dispose()
    {
        Break(new ObjectDisposedException(nameof(GrpcProduceLink)));
        _call.Dispose();
    }
}
