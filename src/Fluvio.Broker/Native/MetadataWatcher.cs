using System.Threading.Channels;

namespace Fluvio.Broker.Native;

/// <summary>
/// One Watch stream (wire protocol §4.6): the frames for it are queued in order and written by
/// one pump, so the full snapshot always precedes the changes that follow it, and a slow client
/// never holds up the code that publishes changes.
/// </summary>
/// <remarks>
/// A queued frame holds its bytes in the connection's <see cref="Core.ResponseBudget"/> like any
/// answer not yet written. Publishing cannot wait for a client, so when the budget has no room
/// the client has stopped reading its watches: the connection is closed (the official client
/// opens a new one and gets a fresh snapshot), rather than queueing frames without end.
/// </remarks>
internal sealed class MetadataWatcher
{
    private readonly Channel<(byte[] Frame, Core.ResponseLease Lease, TaskCompletionSource? Sent)> _queue =
        Channel.CreateUnbounded<(byte[], Core.ResponseLease, TaskCompletionSource?)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Action<string> _log;
    private volatile bool _failed;

    public MetadataWatcher(NativeConnection connection, int correlationId, short version, string label, Action<string> log)
    {
        _log = log;
        Connection = connection;
        CorrelationId = correlationId;
        Version = version;
        Label = label;
        _ = PumpAsync();
    }

    public NativeConnection Connection { get; }

    public int CorrelationId { get; }

    public short Version { get; }

    public string Label { get; }

    public bool IsClosed => _failed || Connection.Closing.IsCancellationRequested;

    /// <summary>Queues a frame; <paramref name="sent"/> completes once it is written (or cannot be).</summary>
    public void Enqueue(byte[] frame, TaskCompletionSource? sent = null)
    {
        if (IsClosed)
        {
            sent?.TrySetResult();
            return;
        }
        if (Connection.Responses.TryTake(frame.Length) is not { } lease)
        {
            _log($"{Connection.Name}: its {Label} watch is not read and the frames queued for it reached the answer budget; closing the connection.");
            Fail();
            Connection.Close();
            sent?.TrySetResult();
            return;
        }
        if (!_queue.Writer.TryWrite((frame, lease, sent)))
        {
            lease.Dispose();
            sent?.TrySetResult();
        }
    }

    private void Fail()
    {
        _failed = true;
        _queue.Writer.TryComplete();
    }

    private async Task PumpAsync()
    {
        await foreach (var (frame, lease, sent) in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                if (!IsClosed)
                {
                    await Connection.SendAsync(frame, lease).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or System.Net.Sockets.SocketException)
            {
                Fail();
            }
            finally
            {
                lease.Dispose();
                sent?.TrySetResult();
            }
        }
    }
}
