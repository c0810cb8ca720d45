using Fluvio.Protocol.Native;

namespace Fluvio.Broker.Native;

/// <summary>One request as it arrived: its header, a reader positioned at its body, and its connection.</summary>
internal sealed class NativeRequest(RequestHeader header, WireReader body, NativeConnection connection)
{
    public RequestHeader Header { get; } = header;

    public WireReader Body { get; } = body;

    public NativeConnection Connection { get; } = connection;

    public short Version => Header.ApiVersion;

    /// <summary>Splits a frame's payload into header and body; a payload too short for a header is malformed.</summary>
    public static NativeRequest Parse(byte[] payload, NativeConnection connection)
    {
        if (payload.Length < NativeFrame.MinRequestSize)
        {
            throw new WireFormatException($"A request frame of {payload.Length} bytes is shorter than a request header.");
        }
        var reader = new WireReader(payload);
        return new NativeRequest(RequestHeader.Decode(reader), reader, connection);
    }

    public T Decode<T>() where T : IWireCodec<T> => T.Decode(Body, Version);

    /// <summary>Answers with <paramref name="response"/>, encoded with the request's version (about <paramref name="sizeHint"/> bytes).</summary>
    public ValueTask RespondAsync<T>(T response, int sizeHint = 256) where T : IWireCodec<T> =>
        Connection.SendAsync(NativeFrame.Response(Header.CorrelationId, Version, response, sizeHint));

    public ValueTask RespondAsync(Action<WireWriter> body) =>
        Connection.SendAsync(NativeFrame.Response(Header.CorrelationId, body));

    public override string ToString() => $"api key {Header.ApiKey} v{Header.ApiVersion} (correlation id {Header.CorrelationId})";
}

/// <summary>Serves the requests of one connection. Made per connection, so it may hold that connection's state.</summary>
internal interface INativeHandler
{
    /// <summary>
    /// Serves one request. Runs synchronously up to its first await, and requests are started in
    /// the order they arrive, so work queued there (appends) keeps that order. A decode or
    /// protocol error in the returned task closes the connection.
    /// </summary>
    Task HandleAsync(NativeRequest request);

    /// <summary>A stream or watch is open: the connection is in use even with no request arriving.</summary>
    bool HoldsStreams { get; }
}
