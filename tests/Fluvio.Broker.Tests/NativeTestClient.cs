using System.Net.Sockets;
using Fluvio.Protocol.Native;

namespace Fluvio.Broker.Tests;

/// <summary>
/// A bare native-protocol connection for tests: sends whole frames or raw bytes, reads frames,
/// and tells whether the broker closed the connection.
/// </summary>
internal sealed class NativeTestClient : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;
    private readonly FrameReader _frames;

    private NativeTestClient(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
        _frames = new FrameReader(_stream);
    }

    public static async Task<NativeTestClient> ConnectAsync(string address)
    {
        int colon = address.LastIndexOf(':');
        var tcp = new TcpClient { NoDelay = true };
        await tcp.ConnectAsync(address[..colon], int.Parse(address[(colon + 1)..]));
        return new NativeTestClient(tcp);
    }

    /// <summary>This end's port: the broker's socket for the connection has it as its remote port.</summary>
    public int LocalPort => ((System.Net.IPEndPoint)_tcp.Client.LocalEndPoint!).Port;

    public Task SendRawAsync(byte[] bytes) => _stream.WriteAsync(bytes).AsTask();

    public Task SendAsync<T>(ushort apiKey, short version, int correlationId, T body) where T : IWireCodec<T> =>
        SendRawAsync(NativeFrame.Request(new RequestHeader(apiKey, version, correlationId, "test"), body));

    /// <summary>The next frame's reader, positioned after its correlation id (which is returned).</summary>
    public async Task<(int CorrelationId, WireReader Body)> ReadAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? Timeout);
        var payload = await _frames.ReadAsync(cts.Token) ?? throw new EndOfStreamException("The broker closed the connection.");
        var reader = new WireReader(payload);
        return (reader.I32(), reader);
    }

    public async Task<TResponse> RequestAsync<TRequest, TResponse>(ushort apiKey, short version, int correlationId, TRequest body)
        where TRequest : IWireCodec<TRequest>
        where TResponse : IWireCodec<TResponse>
    {
        await SendAsync(apiKey, version, correlationId, body);
        var (id, reader) = await ReadAsync();
        Assert.Equal(correlationId, id);
        return TResponse.Decode(reader, version);
    }

    /// <summary>True when the broker closes the connection (end of stream or reset) within the timeout.</summary>
    public async Task<bool> ClosedByBrokerAsync()
    {
        using var cts = new CancellationTokenSource(Timeout);
        var buffer = new byte[4096];
        try
        {
            while (await _stream.ReadAsync(buffer, cts.Token) > 0)
            {
            }
            return true;
        }
        catch (IOException)
        {
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public ValueTask DisposeAsync()
    {
        _tcp.Dispose();
        return ValueTask.CompletedTask;
    }
}
