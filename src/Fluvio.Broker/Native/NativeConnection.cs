using System.Net.Sockets;
using Fluvio.Broker.Core;
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
    private readonly PendingFrameMemory _pendingFrames;
    private readonly CancellationTokenSource _closing = new();
    private readonly Action<string> _log;
    private int _closed;
    // For the listener's timeout sweep (Overdue): set by this connection's reader, read by the sweep.
    private BudgetedFrameReader? _frames;
    private INativeHandler? _handler;
    private long _serving;
    private long _lastRequest;
    private int _requestsInFlight;

    public NativeConnection(string service, Socket socket, Action<string> log, PendingFrameMemory pendingFrames, ResponseBudget responses)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: false);
        _log = log;
        _service = service;
        _pendingFrames = pendingFrames;
        Responses = responses;
        Name = $"{service} connection from {socket.RemoteEndPoint}";
    }

    public string Name { get; }

    /// <summary>Cancelled when the connection closes: streams and waits of this connection stop.</summary>
    public CancellationToken Closing => _closing.Token;

    /// <summary>Answers built and not yet written: a reader takes its bytes here before it reads records.</summary>
    public ResponseBudget Responses { get; }

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
        var frames = new BudgetedFrameReader(_stream, _pendingFrames);
        (_frames, _handler) = (frames, handler);
        Volatile.Write(ref _serving, Environment.TickCount64);
        try
        {
            while (await frames.ReadAsync(Closing).ConfigureAwait(false) is { } payload)
            {
                Interlocked.Increment(ref _requestsInFlight);
                Volatile.Write(ref _lastRequest, Environment.TickCount64);
                int permits;
                try
                {
                    permits = await _budget.TakeAsync(payload.Length, Closing).ConfigureAwait(false);
                }
                catch
                {
                    Interlocked.Decrement(ref _requestsInFlight);
                    throw;
                }
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
                    Done(permits);
                    _log($"{Name}: {request}: {e.Message} Closing the connection.");
                    return;
                }
                catch
                {
                    Done(permits);
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

    /// <summary>
    /// Writes one whole frame; frames from concurrent handlers never interleave. Its bytes count
    /// against <see cref="Responses"/> until written, so a client that does not read stops the
    /// next answer being built.
    /// </summary>
    public async ValueTask SendAsync(byte[] frame)
    {
        using var lease = await Responses.TakeAsync(frame.Length, Closing).ConfigureAwait(false);
        await WriteAsync(frame).ConfigureAwait(false);
    }

    /// <summary>Writes a frame whose bytes were taken from <see cref="Responses"/> before it was built; what it did not use goes back first.</summary>
    public async ValueTask SendAsync(byte[] frame, ResponseLease reserved)
    {
        reserved.ShrinkTo(frame.Length);
        await WriteAsync(frame).ConfigureAwait(false);
    }

    private async ValueTask WriteAsync(byte[] frame)
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
            Done(permits);
        }
    }

    private void Done(int permits)
    {
        _budget.Release(permits);
        // Idle time counts from the end of the last request, not its start.
        Volatile.Write(ref _lastRequest, Environment.TickCount64);
        Interlocked.Decrement(ref _requestsInFlight);
    }

    /// <summary>
    /// Why this connection should be closed at <paramref name="now"/> (Environment.TickCount64),
    /// or null. Before its first whole request it has the handshake timeout; a started frame must
    /// complete within the idle timeout whatever else is open; otherwise it is idle only with no
    /// request being served and no stream or watch open (the official client keeps its SC
    /// connection for its watches, which is use, not idleness).
    /// </summary>
    public string? Overdue(NativeLimits limits, long now)
    {
        long serving = Volatile.Read(ref _serving);
        if (serving == 0)
        {
            // Still in its TLS handshake, which the acceptor bounds.
            return null;
        }
        long last = Volatile.Read(ref _lastRequest);
        if (last == 0)
        {
            return now - serving > limits.HandshakeTimeout.TotalMilliseconds
                ? $"no whole request within {limits.HandshakeTimeout.TotalSeconds:0.#} s of connecting (--handshake-timeout-s)"
                : null;
        }
        if (_frames?.FrameStarted is { } started && now - started > limits.IdleTimeout.TotalMilliseconds)
        {
            return $"a frame still incomplete {limits.IdleTimeout.TotalSeconds:0.#} s after it started (--idle-timeout-s)";
        }
        bool idle = Volatile.Read(ref _requestsInFlight) == 0 && _frames?.FrameStarted is null && _handler?.HoldsStreams != true;
        return idle && now - last > limits.IdleTimeout.TotalMilliseconds
            ? $"idle for {limits.IdleTimeout.TotalSeconds:0.#} s (--idle-timeout-s)"
            : null;
    }

    private bool IsDisconnect(Exception e) =>
        e is IOException or SocketException or ObjectDisposedException
        || (e is OperationCanceledException && Closing.IsCancellationRequested);
}
