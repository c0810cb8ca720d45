using System.Threading.Channels;

namespace Fluvio.Broker.Native;

/// <summary>
/// One Watch stream (wire protocol §4.6): the frames for it are queued in order and written by
/// one pump, so the full snapshot always precedes the changes that follow it, and a slow client
/// never holds up the code that publishes changes.
/// </summary>
internal sealed class MetadataWatcher
{
    private readonly Channel<(byte[] Frame, TaskCompletionSource? Sent)> _queue =
        Channel.CreateUnbounded<(byte[], TaskCompletionSource?)>(new UnboundedChannelOptions { SingleReader = true });
    private volatile bool _failed;

    public MetadataWatcher(NativeConnection connection, int correlationId, short version, string label)
    {
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
        if (!_queue.Writer.TryWrite((frame, sent)))
        {
            sent?.TrySetResult();
        }
    }

    private async Task PumpAsync()
    {
        await foreach (var (frame, sent) in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                if (!IsClosed)
                {
                    await Connection.SendAsync(frame).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or System.Net.Sockets.SocketException)
            {
                _failed = true;
                _queue.Writer.TryComplete();
            }
            finally
            {
                sent?.TrySetResult();
            }
        }
    }
}
