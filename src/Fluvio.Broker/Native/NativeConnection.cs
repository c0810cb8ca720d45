using System.Net.Sockets;
using Fluvio.Broker.Security;
using Fluvio.Protocol.Native;

namespace Fluvio.Broker.Native;

/// <summary>
/// One client TCP connection. Frames are read one after another and each request is dispatched
/// at once, so a client may pipeline; responses go out as they are ready (the client routes them
/// by correlation id) and writes are serialized, one whole frame at a time. Anything malformed
/// closes this connection only.
/// </summary>
internal sealed class NativeConnection
{
    /// <summary>FLUVIO_BROKER_TRACE_NATIVE=1 logs every request's kind and version (the interop run lists them).</summary>
    private static readonly bool Trace = Environment.GetEnvironmentVariable("FLUVIO_BROKER_TRACE_NATIVE") == "1";

    private readonly string _service;
    private readonly Socket _socket;
    private Stream _stream;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly RequestBudget _budget = new();
    private readonly CancellationTokenSource _closing = new();
    private readonly Action<string> _log;
    private int _closed;

    public NativeConnection(string service, Socket socket, Action<string> log)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: false);
        _log = log;
        _service = service;
        Name = $"{service} connection from {socket.RemoteEndPoint}";
    }

    public string Name { get; }

    /// <summary>Cancelled when the connection closes: streams and waits of this connection stop.</summary>
    public CancellationToken Closing => _closing.Token;

    /// <summary>
    /// The TLS handshake, before <see cref="RunAsync"/>: afterwards every frame goes through TLS.
    /// False when it failed; the connection is then closed (the acceptor logged why).
    /// </summary>
    public async Task<bool> SecureAsync(NativeTlsAcceptor tls)
    {
        // Closing is cancelled when the broker stops, which ends a handshake still under way.
        if (await tls.AcceptAsync(_stream, Name, _log, Closing).ConfigureAwait(false) is not { } secured)
        {
            Close();
            return false;
        }
        _stream = secured;
        return true;
    }

    public async Task RunAsync(INativeHandler handler)
    {
        var frames = new FrameReader(_stream);
        try
        {
            while (await frames.ReadAsync(Closing).ConfigureAwait(false) is { } payload)
            {
                int permits = await _budget.TakeAsync(payload.Length, Closing).ConfigureAwait(false);
                Task handled;
                NativeRequest? request = null;
                try
                {
                    request = NativeRequest.Parse(payload, this);
                    if (Trace)
                    {
                        _log($"trace: {_service} request api_key={request.Header.ApiKey} version={request.Version} correlation_id={request.Header.CorrelationId} client_id={request.Header.ClientId}");
                    }
                    handled = handler.HandleAsync(request);
                }
                catch (Exception e) when (e is WireFormatException or NativeProtocolException && request is not null)
                {
                    _budget.Release(permits);
                    _log($"{Name}: {request}: {e.Message} Closing the connection.");
                    return;
                }
                catch
                {
                    _budget.Release(permits);
                    throw;
                }
                _ = CompleteAsync(request, handled, permits);
            }
        }
        catch (Exception e) when (e is WireFormatException or NativeProtocolException or EndOfStreamException)
        {
            _log($"{Name}: {e.Message} Closing the connection.");
        }
        catch (Exception e) when (IsDisconnect(e))
        {
            // The client went away or the broker is stopping.
        }
        catch (Exception e)
        {
            // Whatever it was, it concerns this connection only.
            _log($"{Name}: unexpected failure, closing the connection: {e}");
        }
        finally
        {
            Close();
            // After the socket: TLS state is freed once reads have stopped (late writes fail as disconnects).
            await _stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Writes one whole frame; frames from concurrent handlers never interleave.</summary>
    public async ValueTask SendAsync(byte[] frame)
    {
        await _writeLock.WaitAsync(Closing).ConfigureAwait(false);
        try
        {
            await _stream.WriteAsync(frame, Closing).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public void Close()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }
        _closing.Cancel();
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // Already reset by the peer.
        }
        _socket.Dispose();
    }

    private async Task CompleteAsync(NativeRequest request, Task handled, int permits)
    {
        try
        {
            await handled.ConfigureAwait(false);
        }
        catch (Exception e) when (e is WireFormatException or NativeProtocolException)
        {
            _log($"{Name}: {request}: {e.Message} Closing the connection.");
            Close();
        }
        catch (Exception e) when (IsDisconnect(e))
        {
            Close();
        }
        catch (Exception e)
        {
            _log($"{Name}: {request}: unexpected failure, closing the connection: {e}");
            Close();
        }
        finally
        {
            _budget.Release(permits);
        }
    }

    private bool IsDisconnect(Exception e) =>
        e is IOException or SocketException or ObjectDisposedException
        || (e is OperationCanceledException && Closing.IsCancellationRequested);
}
