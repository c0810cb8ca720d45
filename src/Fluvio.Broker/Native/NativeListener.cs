using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Net;
using Fluvio.Broker.Core;
using Fluvio.Broker.Security;

namespace Fluvio.Broker.Native;

/// <summary>
/// Accepts TCP connections on one endpoint and serves each with its own handler, concurrently,
/// over TLS when one is given. Disposing stops accepting, closes every connection and waits for
/// them to wind down.
/// </summary>
/// <remarks>
/// Within its <see cref="NativeLimits"/>: past the connection cap a new connection is accepted
/// and closed at once (so the backlog never fills with connections nobody will serve), a failing
/// accept (out of descriptors) backs off instead of spinning, and a sweep closes connections past
/// their handshake or idle timeout. What these log is rate-limited: an attacker decides how often
/// they happen.
/// </remarks>
internal sealed class NativeListener : IAsyncDisposable
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan LongestBackoff = TimeSpan.FromSeconds(1);

    private readonly TcpListener _listener;
    private readonly string _service;
    private readonly Action<string> _log;
    private readonly NativeLimits _limits;
    private readonly PendingFrameMemory _pendingFrames;
    private readonly ByteBudget _pendingResponses;
    private readonly RateLimitedLog _refused;
    private readonly RateLimitedLog _acceptFailed;
    private readonly RateLimitedLog _timedOut;
    private readonly ConcurrentDictionary<NativeConnection, Task> _connections = new();
    private readonly CancellationTokenSource _stopping = new();
    private Task _acceptLoop = Task.CompletedTask;
    private Task _sweep = Task.CompletedTask;

    private NativeListener(TcpListener listener, string service, Action<string> log, NativeLimits limits, PendingFrameMemory pendingFrames, ByteBudget pendingResponses)
    {
        _listener = listener;
        _service = service;
        _log = log;
        _limits = limits;
        _pendingFrames = pendingFrames;
        _pendingResponses = pendingResponses;
        _refused = new RateLimitedLog(log, TimeSpan.FromSeconds(1));
        _acceptFailed = new RateLimitedLog(log, TimeSpan.FromSeconds(1));
        _timedOut = new RateLimitedLog(log, TimeSpan.FromSeconds(1));
    }

    public IPEndPoint LocalEndpoint => (IPEndPoint)_listener.LocalEndpoint;

    /// <summary>
    /// Binds now (port 0 picks a free one), so the caller knows the port before anyone connects.
    /// The frame memory and response budget are the broker's, shared with its other listener.
    /// </summary>
    public static NativeListener Bind(string service, IPEndPoint endpoint, Action<string> log, NativeLimits limits, PendingFrameMemory pendingFrames, ByteBudget pendingResponses)
    {
        var listener = new TcpListener(endpoint);
        try
        {
            listener.Start();
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            throw new PortInUseException($"native {service}", $"--{service.ToLowerInvariant()}-port", endpoint, e);
        }
        catch (SocketException e)
        {
            throw new InvalidOperationException(
                $"Cannot listen for the native {service} on {endpoint}: {e.Message} (--{service.ToLowerInvariant()}-port 0 picks a free port).", e);
        }
        return new NativeListener(listener, service, log, limits, pendingFrames, pendingResponses);
    }

    /// <summary>
    /// Starts accepting, serving each connection with a handler from <paramref name="handlers"/>,
    /// after a TLS handshake when <paramref name="tls"/> is given.
    /// </summary>
    public void Start(Func<NativeConnection, INativeHandler> handlers, NativeTlsAcceptor? tls = null)
    {
        _acceptLoop = AcceptAsync(handlers, tls);
        _sweep = SweepAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _stopping.Cancel();
        _listener.Stop();
        await _acceptLoop.ConfigureAwait(false);
        await _sweep.ConfigureAwait(false);
        foreach (var connection in _connections.Keys)
        {
            connection.Close();
        }
        try
        {
            await Task.WhenAll(_connections.Values).WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Closed sockets end their reads; one that does not must not hold up the broker's stop.
            _log($"{_service}: some connections did not finish within 10 s of the stop.");
        }
    }

    private async Task AcceptAsync(Func<NativeConnection, INativeHandler> handlers, NativeTlsAcceptor? tls)
    {
        var backoff = FirstBackoff;
        while (!_stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException && _stopping.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionAborted)
            {
                // A connection reset before it was accepted: keep accepting the others.
                _acceptFailed.Report(n => $"{_service}: accept failed {n} time(s): {e.Message}");
                continue;
            }
            catch (SocketException e)
            {
                // Out of descriptors (EMFILE, ENFILE) or the like: the pending connection stays in
                // the backlog, so accepting again at once fails again at once. Wait, longer each
                // time, while the connections already open are served and may free some.
                _acceptFailed.Report(n => $"{_service}: accept failed {n} time(s), retrying in up to {LongestBackoff.TotalSeconds:0} s: {e.Message}");
                if (!await DelayAsync(backoff).ConfigureAwait(false))
                {
                    return;
                }
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, LongestBackoff.Ticks));
                continue;
            }
            backoff = FirstBackoff;
            if (_connections.Count >= _limits.MaxConnections)
            {
                // Closed at once (a reset, so it leaves no TIME_WAIT here): the client learns now,
                // and the descriptor is free again before the next accept.
                socket.Close(0);
                _refused.Report(n => $"{_service}: refused {n} connection(s): {_limits.MaxConnections} are open, the limit (--max-connections).");
                continue;
            }
            socket.NoDelay = true;
            var connection = new NativeConnection(_service, socket, _log, _pendingFrames,
                new ResponseBudget(_pendingResponses, _limits.MaxConnectionResponseBytes));
            // Registered before it may run, so a connection that fails at once is still removed.
            var registered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _connections[connection] = ServeAsync(connection, handlers, tls, registered.Task);
            registered.SetResult();
        }
    }

    /// <summary>Closes connections past their handshake or idle timeout (NativeConnection.Overdue), checking a few times per timeout.</summary>
    private async Task SweepAsync()
    {
        var shortest = _limits.HandshakeTimeout < _limits.IdleTimeout ? _limits.HandshakeTimeout : _limits.IdleTimeout;
        var every = TimeSpan.FromMilliseconds(Math.Clamp(shortest.TotalMilliseconds / 4, 100, 1000));
        while (await DelayAsync(every).ConfigureAwait(false))
        {
            long now = Environment.TickCount64;
            foreach (var connection in _connections.Keys)
            {
                // One closed already is only waiting for its reads to end: not counted twice.
                if (!connection.Closing.IsCancellationRequested && connection.Overdue(_limits, now) is { } why)
                {
                    connection.Close();
                    _timedOut.Report(n => $"{_service}: closed {n} connection(s) past a timeout, the latest {connection.Name}: {why}.");
                }
            }
        }
    }

    /// <summary>False when the listener stopped meanwhile.</summary>
    private async Task<bool> DelayAsync(TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay, _stopping.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task ServeAsync(NativeConnection connection, Func<NativeConnection, INativeHandler> handlers, NativeTlsAcceptor? tls, Task registered)
    {
        // Continues off the accept loop's thread: a connection's first read must not delay the next accept.
        await registered.ConfigureAwait(false);
        try
        {
            // The handshake runs here, on this connection's own task and bounded by the acceptor's
            // timeout: a slow or silent client holds up nobody else's accept or handshake.
            if (tls is not null && !await connection.SecureAsync(tls).ConfigureAwait(false))
            {
                return;
            }
            await connection.RunAsync(handlers(connection)).ConfigureAwait(false);
        }
        finally
        {
            _connections.TryRemove(connection, out _);
        }
    }
}
