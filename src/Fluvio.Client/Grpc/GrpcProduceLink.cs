using Grpc.Core;
using Proto = Fluvio.Protocol.Grpc;

namespace Fluvio.Client;

/// <summary>
/// One attempt at the bidirectional Produce stream. It breaks once, for the first cause
/// (a failed read or write, the broker closing it, a request timing out); breaking cancels the
/// call so every pending read and write ends, and wakes the sender.
/// </summary>
internal sealed class ProduceConnection : IDisposable
{
    private readonly CancellationTokenSource _callCts = new();
    private readonly CancellationTokenSource _broken = new();
    private Exception? _failure;

    public ProduceConnection(Proto.Producer.ProducerClient client)
    {
        Call = client.Produce(cancellationToken: _callCts.Token);
    }

    public AsyncDuplexStreamingCall<Proto.ProduceRequest, Proto.ProduceResponse> Call { get; }

    public CancellationToken BrokenToken => _broken.Token;

    public bool IsBroken => Volatile.Read(ref _failure) is not null;

    public Exception? Failure => Volatile.Read(ref _failure);

    /// <summary>The task reading responses.</summary>
    public Task Reader { get; set; } = Task.CompletedTask;

    public void Break(Exception cause)
    {
        if (Interlocked.CompareExchange(ref _failure, cause, null) is null)
        {
            // Run the wake-ups off the caller's thread: the caller may be a gRPC read.
            _ = Task.Run(() =>
            {
                _broken.Cancel();
                _callCts.Cancel();
            });
        }
    }

    /// <summary>
    /// A write that failed with a bare cancellation we did not ask for: the call itself failed
    /// (connection refused or reset), and its status, not the cancellation, says why.
    /// </summary>
    public Exception Explain(Exception writeFailure)
    {
        if (writeFailure is OperationCanceledException && !_callCts.IsCancellationRequested)
        {
            try
            {
                var status = Call.GetStatus();
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
        return writeFailure;
    }

    public void Dispose()
    {
        Break(new ObjectDisposedException(nameof(ProduceConnection)));
        Call.Dispose();
    }
}
