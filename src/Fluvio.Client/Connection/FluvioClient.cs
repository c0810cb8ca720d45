using System.Collections.Concurrent;

namespace Fluvio.Client;

/// <summary>
/// One connection to a Fluvio cluster: admin, consumer offsets, producers and consumers, over
/// gRPC to our broker or over Fluvio's native protocol (an SC and its SPUs). Thread-safe; meant
/// to be shared. The admin, offset, produce and consume parts live in the partial files beside
/// their types; the transports in Grpc/ and Native/.
/// </summary>
public sealed partial class FluvioClient : IAsyncDisposable
{
    /// <summary>The scheme of native endpoints: fluvio://host:port is an SC address.</summary>
    public const string NativeScheme = "fluvio";

    private readonly IClusterTransport _transport;
    private readonly ConcurrentDictionary<TopicProducer, byte> _producers = new();
    private int _disposed;

    private FluvioClient(Uri endpoint, FluvioClientOptions options, IClusterTransport transport)
    {
        Endpoint = endpoint;
        Options = options;
        _transport = transport;
    }

    public Uri Endpoint { get; }

    public FluvioClientOptions Options { get; }

    /// <summary>True when this client speaks Fluvio's native protocol (a fluvio:// endpoint).</summary>
    public bool IsNative => Endpoint.Scheme == NativeScheme;

    internal IClusterTransport Transport => _transport;

    internal ConnectionErrors Errors => _transport.Errors;

    /// <summary>
    /// A client for <paramref name="endpoint"/>: http:// (HTTP/2 cleartext) or https:// (TLS) for
    /// gRPC, fluvio://host:port for the native protocol (TLS when the options ask for it).
    /// No I/O happens until the first call.
    /// </summary>
    public static FluvioClient Create(Uri endpoint, FluvioClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        options ??= new FluvioClientOptions();
        options.Validate();
        if (!endpoint.IsAbsoluteUri || endpoint.Scheme is not ("http" or "https" or NativeScheme))
        {
            throw new FluvioException(FluvioErrorCode.InvalidArgument,
                $"The broker endpoint '{endpoint}' must be an absolute http://, https:// (gRPC) or fluvio:// (native) address.");
        }
        IClusterTransport transport = endpoint.Scheme == NativeScheme
            ? NativeTransport.Create(endpoint, options)
            : GrpcTransport.Create(endpoint, options);
        return new FluvioClient(endpoint, options, transport);
    }

    /// <summary>
    /// <see cref="Create"/>, then one cheap call so that an unreachable cluster fails now, with
    /// <see cref="FluvioErrorCode.ConnectionFailed"/>, within <see cref="FluvioClientOptions.ConnectTimeout"/>.
    /// </summary>
    public static async Task<FluvioClient> ConnectAsync(Uri endpoint, FluvioClientOptions? options = null, CancellationToken ct = default)
    {
        var client = Create(endpoint, options);
        try
        {
            await client._transport.ProbeAsync(ct).ConfigureAwait(false);
            return client;
        }
        catch
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Disposes the producers still open (each flushes first), then the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        foreach (var producer in _producers.Keys)
        {
            await producer.DisposeAsync().ConfigureAwait(false);
        }
        await _transport.DisposeAsync().ConfigureAwait(false);
    }

    internal void Forget(TopicProducer producer) => _producers.TryRemove(producer, out _);

    private void Track(TopicProducer producer) => _producers.TryAdd(producer, 0);

    internal void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

    internal static void RequireName(string? value, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new FluvioException(FluvioErrorCode.InvalidArgument, $"{what} is required.");
        }
    }

    internal static void RequirePartition(int partition)
    {
        if (partition < 0)
        {
            throw new FluvioException(FluvioErrorCode.PartitionNotFound, $"Partition {partition} does not exist: partitions are numbered from 0.");
        }
    }
}
