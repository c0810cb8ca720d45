using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Fluvio.Broker.Security;

namespace Fluvio.Broker.Native;

/// <summary>
/// Accepts TCP connections on one endpoint and serves each with its own handler, concurrently,
/// over TLS when one is given. Disposing stops accepting, closes every connection and waits for
/// them to wind down.
/// </summary>
internal sealed class NativeListener : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly string _service;
    private readonly Action<string> _log;
    private readonly ConcurrentDictionary<NativeConnection, Task> _connections = new();
    private readonly CancellationTokenSource _stopping = new();
    private Task _acceptLoop = Task.CompletedTask;

    private NativeListener(TcpListener listener, string service, Action<string> log)
    {
        _listener = listener;
        _service = service;
        _log = log;
    }

    public IPEndPoint LocalEndpoint => (IPEndPoint)_listener.LocalEndpoint;

    /// <summary>Binds now (port 0 picks a free one), so the caller knows the port before anyone connects.</summary>
    public static NativeListener Bind(string service, IPEndPoint endpoint, Action<string> log)
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
        return new NativeListener(listener, service, log);
    }

    /// <summary>
    /// Starts accepting, serving each connection with a handler from <paramref name="handlers"/>,
    /// after a TLS handshake when <paramref name="tls"/> is given.
    /// </summary>
    public void Start(Func<NativeConnection, INativeHandler> handlers, NativeTlsAcceptor? tls = null)
    {
        _acceptLoop = AcceptAsync(handlers, tls);
    }

    public async ValueTask DisposeAsync()
    {
        _stopping.Cancel();
        _listener.Stop();
        await _acceptLoop.ConfigureAwait(false);
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
            catch (SocketException e)
            {
                // A connection reset before it was accepted: keep accepting the others.
                _log($"{_service}: accept failed: {e.Message}");
                continue;
            }
            socket.NoDelay = true;
            var connection = new NativeConnection(_service, socket, _log);
            // Registered before it may run, so a connection that fails at once is still removed.
            var registered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _connections[connection] = ServeAsync(connection, handlers, tls, registered.Task);
            registered.SetResult();
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
