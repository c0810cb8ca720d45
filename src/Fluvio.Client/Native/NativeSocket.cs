using System.Collections.Concurrent;
using System.Net.Security;
using System.Net.Sockets;
using Fluvio.Protocol.Native;

namespace Fluvio.Client;

/// <summary>
/// One native-protocol connection (wire protocol §1.5), multiplexed as the official client does:
/// requests are pipelined, answers routed by correlation id, streams (Watch, StreamFetch) get
/// every frame of their id. Starts with ApiVersions. When the connection fails, every waiting
/// request and stream fails with the cause and the socket is closed for good; its owner opens a
/// new one.
/// </summary>
internal sealed class NativeSocket : IAsyncDisposable
{
    private const string ClientId = "fluvio";
    private readonly TcpClient _tcp;
    private readonly Stream _stream;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ConcurrentDictionary<int, TaskCompletionSource<byte[]>> _waiting = new();
    private readonly ConcurrentDictionary<int, Action<byte[]?, Exception?>> _streams = new();
    private readonly CancellationTokenSource _closing = new();
    private readonly TimeSpan _requestTimeout;
    private Exception? _failure;
    private int _nextId;
    private Task _reader = Task.CompletedTask;

    private NativeSocket(TcpClient tcp, Stream stream, string address, TimeSpan requestTimeout)
    {
        _tcp = tcp;
        _stream = stream;
        Address = address;
        _requestTimeout = requestTimeout;
    }

    /// <summary>host:port, for messages.</summary>
    public string Address { get; }

    public IReadOnlyList<ApiVersionKey> Versions { get; private set; } = [];

    public string PlatformVersion { get; private set; } = "";

    public bool IsClosed => Volatile.Read(ref _failure) is not null;

    /// <summary>
    /// Connects (TLS when <paramref name="tls"/> is given, with <paramref name="sniHost"/>) and
    /// exchanges ApiVersions, all within <paramref name="connectTimeout"/>.
    /// </summary>
    public static async Task<NativeSocket> ConnectAsync(string host, int port, ClientTls? tls, string sniHost,
        TimeSpan connectTimeout, TimeSpan requestTimeout, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(connectTimeout);
        var tcp = new TcpClient { NoDelay = true };
        // What a timeout interrupted: a port that accepts and then stays silent is not "no connection".
        string? stalled = null;
        try
        {
            await tcp.ConnectAsync(host, port, timeout.Token).ConfigureAwait(false);
            Stream stream = tcp.GetStream();
            if (tls is not null)
            {
                stalled = "the TLS handshake did not finish";
                var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
                stream = ssl;
                await ssl.AuthenticateAsClientAsync(tls.AuthenticationOptions(sniHost), timeout.Token).ConfigureAwait(false);
            }
            stalled = $"no answer to Fluvio's version exchange came (is {host}:{port} a Fluvio SC or SPU port?)";
            var socket = new NativeSocket(tcp, stream, $"{host}:{port}", requestTimeout);
            socket._reader = Task.Run(socket.ReadLoopAsync);
            WireReader hello;
            try
            {
                hello = await socket.RequestAsync((ushort)ScApiKey.ApiVersions, 2,
                w => new ApiVersionsRequest("0.14.9", OperatingSystem.IsWindows() ? "windows" : OperatingSystem.IsMacOS() ? "macos" : "linux",
                    System.Runtime.InteropServices.RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant() switch
                    {
                        "x64" => "x86_64",
                        "arm64" => "aarch64",
                        var other => other,
                    }).Encode(w, 2), timeout.Token).ConfigureAwait(false);
            }
            catch (IOException) when (tls is not null)
            {
                // With TLS 1.3 a refused client certificate shows only as the server closing the connection.
                throw new IOException(ClientTls.DescribeClosed(tls));
            }
            var versions = ApiVersionsResponse.Decode(hello, 2);
            if (versions.Error.IsError)
            {
                await socket.DisposeAsync().ConfigureAwait(false);
                throw new IOException($"the server refused the version exchange: {versions.Error}");
            }
            socket.Versions = versions.ApiKeys;
            socket.PlatformVersion = versions.PlatformVersion;
            return socket;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            tcp.Dispose();
            if (stalled is not null)
            {
                throw new StalledConnectionException($"connected, but within {ConnectionErrors.Seconds(connectTimeout)} {stalled}");
            }
            throw new TimeoutException($"no connection within {ConnectionErrors.Seconds(connectTimeout)}");
        }
        catch
        {
            tcp.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The version to send for a request kind the client knows from <paramref name="min"/> to
    /// <paramref name="max"/> (§1.6), or <paramref name="fallback"/> when the server lists none.
    /// </summary>
    public short VersionFor(ushort apiKey, short min, short max, short fallback)
    {
        foreach (var key in Versions)
        {
            if (key.ApiKey == (short)apiKey && key.MaxVersion >= min && key.MinVersion <= max)
            {
                return Math.Min(max, key.MaxVersion);
            }
        }
        return fallback;
    }

    /// <summary>One request, its answer's body (after the correlation id), bounded by the request timeout.</summary>
    public async Task<WireReader> RequestAsync(ushort apiKey, short version, Action<WireWriter> body, CancellationToken ct)
    {
        var answer = await SendRequestAsync(apiKey, version, body, ct).ConfigureAwait(false);
        return await answer.ConfigureAwait(false);
    }

    /// <summary>
    /// Writes a request and returns once it is written (so a caller can pipeline): the task it
    /// returns completes with the answer's body, or fails after the request timeout.
    /// </summary>
    public async Task<Task<WireReader>> SendRequestAsync(ushort apiKey, short version, Action<WireWriter> body, CancellationToken ct = default)
    {
        int id = NextId();
        var answer = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting[id] = answer;
        try
        {
            await WriteAsync(NativeFrame.Request(new RequestHeader(apiKey, version, id, ClientId), body)).ConfigureAwait(false);
        }
        catch
        {
            _waiting.TryRemove(id, out _);
            throw;
        }
        return AnswerAsync(id, apiKey, answer, ct);
    }

    private async Task<WireReader> AnswerAsync(int id, ushort apiKey, TaskCompletionSource<byte[]> answer, CancellationToken ct)
    {
        try
        {
            var payload = await answer.Task.WaitAsync(_requestTimeout, ct).ConfigureAwait(false);
            var reader = new WireReader(payload);
            reader.I32();
            return reader;
        }
        catch (TimeoutException e)
        {
            // As Fluvio does, a connection that leaves a request unanswered is stale: the next call dials again.
            Fail(e);
            throw new FluvioException(FluvioErrorCode.Timeout,
                $"The Fluvio cluster at {Address} did not answer a request (api key {apiKey}) within {ConnectionErrors.Seconds(_requestTimeout)}.");
        }
        finally
        {
            _waiting.TryRemove(id, out _);
        }
    }

    /// <summary>
    /// Sends a streaming request; <paramref name="onFrame"/> gets each frame's body (after the
    /// correlation id) on the reader's thread, in order, then (null, cause) once when the
    /// connection ends. Disposing the result stops delivery (the server is not told: the
    /// protocol has no cancel; the stream ends with the connection).
    /// </summary>
    public async Task<IDisposable> OpenStreamAsync(ushort apiKey, short version, Action<WireWriter> body, Action<byte[]?, Exception?> onFrame)
    {
        int id = NextId();
        _streams[id] = onFrame;
        var registration = new StreamRegistration(this, id);
        try
        {
            await WriteAsync(NativeFrame.Request(new RequestHeader(apiKey, version, id, ClientId), body)).ConfigureAwait(false);
        }
        catch
        {
            registration.Dispose();
            throw;
        }
        if (Volatile.Read(ref _failure) is { } failure && _streams.TryRemove(id, out _))
        {
            onFrame(null, failure);
        }
        return registration;
    }

    /// <summary>A request whose answer nobody waits for (UpdateOffsets): the answer is dropped.</summary>
    public Task SendAsync(ushort apiKey, short version, Action<WireWriter> body) =>
        WriteAsync(NativeFrame.Request(new RequestHeader(apiKey, version, NextId(), ClientId), body));

    private int NextId() => Interlocked.Increment(ref _nextId);

    private async Task WriteAsync(byte[] frame)
    {
        ThrowIfClosed();
        await _writeLock.WaitAsync(_closing.Token).ConfigureAwait(false);
        try
        {
            await _stream.WriteAsync(frame, _closing.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            Fail(e);
            ThrowIfClosed();
            throw;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private void ThrowIfClosed()
    {
        if (Volatile.Read(ref _failure) is { } failure)
        {
            throw new IOException($"the connection to {Address} is closed: {failure.Message}", failure);
        }
    }

    private async Task ReadLoopAsync()
    {
        var frames = new FrameReader(_stream);
        try
        {
            while (await frames.ReadAsync(_closing.Token).ConfigureAwait(false) is { } payload)
            {
                if (payload.Length < 4)
                {
                    throw new WireFormatException("A response frame is shorter than its correlation id.");
                }
                int id = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(payload);
                if (_waiting.TryRemove(id, out var waiter))
                {
                    waiter.TrySetResult(payload);
                }
                else if (_streams.TryGetValue(id, out var stream))
                {
                    stream(payload, null);
                }
                // Else nobody waits for it (an UpdateOffsets answer, a stream given up): dropped, as Fluvio does.
            }
            Fail(new IOException($"{Address} closed the connection"));
        }
        catch (Exception e)
        {
            Fail(e);
        }
    }

    private void Fail(Exception cause)
    {
        if (Interlocked.CompareExchange(ref _failure, cause, null) is not null)
        {
            return;
        }
        _closing.Cancel();
        foreach (var id in _waiting.Keys)
        {
            if (_waiting.TryRemove(id, out var waiter))
            {
                waiter.TrySetException(new IOException($"the connection to {Address} failed: {cause.Message}", cause));
            }
        }
        foreach (var id in _streams.Keys)
        {
            if (_streams.TryRemove(id, out var stream))
            {
                stream(null, cause);
            }
        }
        _stream.Dispose();
        _tcp.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        Fail(new ObjectDisposedException(nameof(NativeSocket)));
        await _reader.ConfigureAwait(false);
    }

    private sealed class StreamRegistration(NativeSocket socket, int id) : IDisposable
    {
        public void Dispose() => socket._streams.TryRemove(id, out _);
    }
}
