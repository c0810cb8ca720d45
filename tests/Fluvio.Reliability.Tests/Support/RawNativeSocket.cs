using System.Net;
using System.Net.Sockets;
using Fluvio.Protocol.Native;

namespace Fluvio.Reliability.Tests;

/// <summary>
/// A bare TCP connection to a native port, for clients that misbehave on purpose: it sends what
/// the test says (whole frames, half frames, nothing) and reads only when told to. Its receive
/// buffer is small, so a client that does not read makes the broker's writes wait soon.
/// </summary>
internal sealed class RawNativeSocket : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly FrameReader _frames;

    private RawNativeSocket(Socket socket)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _frames = new FrameReader(_stream);
    }

    public static async Task<RawNativeSocket> ConnectAsync(string address, int receiveBuffer = 16 * 1024)
    {
        var endpoint = IPEndPoint.Parse(address);
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = receiveBuffer, NoDelay = true };
        try
        {
            await socket.ConnectAsync(endpoint).WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        return new RawNativeSocket(socket);
    }

    public Task SendAsync(byte[] bytes, CancellationToken cancellationToken = default) => _stream.WriteAsync(bytes, cancellationToken).AsTask();

    public Task SendAsync<T>(ushort apiKey, int correlationId, T body, short version = FluvioApiVersions.SpuCurrentVersion) where T : IWireCodec<T> =>
        SendAsync(NativeFrame.Request(new RequestHeader(apiKey, version, correlationId, "hostile-test"), body));

    /// <summary>ApiVersions, the first request of every official client: true when answered within <paramref name="limit"/>.</summary>
    public async Task<bool> AnswersApiVersionsAsync(TimeSpan limit)
    {
        await SendAsync(18, 1, new ApiVersionsRequest("0.14.9", "linux", "x86_64"), version: 2);
        var (id, _) = await ReadAsync(limit);
        return id == 1;
    }

    /// <summary>The next response frame's correlation id and body.</summary>
    public async Task<(int CorrelationId, WireReader Body)> ReadAsync(TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        var payload = await _frames.ReadAsync(timeout.Token) ?? throw new EndOfStreamException("The broker closed the connection.");
        var reader = new WireReader(payload);
        return (reader.I32(), reader);
    }

    /// <summary>True once the broker has closed this connection (a read ends or resets), false if it stays open for <paramref name="limit"/>.</summary>
    public async Task<bool> ClosedByBrokerAsync(TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        var buffer = new byte[64 * 1024];
        try
        {
            while (await _stream.ReadAsync(buffer, timeout.Token) > 0)
            {
            }
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }

    public ValueTask DisposeAsync()
    {
        _socket.LingerState = new LingerOption(true, 0);
        return _stream.DisposeAsync();
    }
}
