using System.Collections.Concurrent;
using System.Net.Http;
using Grpc.Core;
using Grpc.Net.Client;
using Proto = Fluvio.Protocol.Grpc;

namespace Fluvio.Client;

/// <summary>
/// One connection to a Fluvio broker over gRPC: admin, consumer offsets, producers and
/// consumers. Thread-safe; meant to be shared. The admin, offset, produce and consume parts live
/// in the partial files beside their types.
/// </summary>
public sealed partial class FluvioClient : IAsyncDisposable
{
    private readonly GrpcChannel _channel;
    private readonly ConcurrentDictionary<TopicProducer, byte> _producers = new();
    private int _disposed;

    private FluvioClient(Uri endpoint, FluvioClientOptions options, GrpcChannel channel, CallInvoker invoker, ClientTls? tls)
    {
        Endpoint = endpoint;
        Options = options;
        _channel = channel;
        Mapper = new ErrorMapper(endpoint, options.ConnectTimeout, tls);
        AdminApi = new Proto.Admin.AdminClient(invoker);
        OffsetsApi = new Proto.Offsets.OffsetsClient(invoker);
        ProducerApi = new Proto.Producer.ProducerClient(invoker);
        ConsumerApi = new Proto.Consumer.ConsumerClient(invoker);
    }

    public Uri Endpoint { get; }

    public FluvioClientOptions Options { get; }

    internal ErrorMapper Mapper { get; }
    internal Proto.Admin.AdminClient AdminApi { get; }
    internal Proto.Offsets.OffsetsClient OffsetsApi { get; }
    internal Proto.Producer.ProducerClient ProducerApi { get; }
    internal Proto.Consumer.ConsumerClient ConsumerApi { get; }

    /// <summary>
    /// A client for <paramref name="endpoint"/> (http:// = HTTP/2 cleartext, https:// = TLS).
    /// No I/O happens until the first call.
    /// </summary>
    public static FluvioClient Create(Uri endpoint, FluvioClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        options ??= new FluvioClientOptions();
        options.Validate();
        if (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
        {
            throw new FluvioException(FluvioErrorCode.InvalidArgument, $"The broker endpoint '{endpoint}' must be an absolute http:// or https:// address.");
        }
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = options.ConnectTimeout,
            EnableMultipleHttp2Connections = true,
            KeepAlivePingDelay = TimeSpan.FromSeconds(30),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(10),
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
        };
        ClientTls? tls;
        try
        {
            tls = ClientTls.Configure(endpoint, options, handler);
        }
        catch
        {
            handler.Dispose();
            throw;
        }
        var channel = GrpcChannel.ForAddress(endpoint, new GrpcChannelOptions
        {
            HttpHandler = handler,
            DisposeHttpClient = true,
            MaxSendMessageSize = options.MaxMessageBytes,
            MaxReceiveMessageSize = options.MaxMessageBytes,
            ThrowOperationCanceledOnCancellation = true,
        });
        try
        {
            return new FluvioClient(endpoint, options, channel, BearerToken.Invoker(channel, endpoint, options.Token), tls);
        }
        catch
        {
            channel.Dispose();
            throw;
        }
    }

    /// <summary>
    /// <see cref="Create"/>, then one cheap call so that an unreachable broker fails now, with
    /// <see cref="FluvioErrorCode.ConnectionFailed"/>, within <see cref="FluvioClientOptions.ConnectTimeout"/>.
    /// </summary>
    public static async Task<FluvioClient> ConnectAsync(Uri endpoint, FluvioClientOptions? options = null, CancellationToken ct = default)
    {
        var client = Create(endpoint, options);
        try
        {
            var deadline = DateTime.UtcNow + client.Options.ConnectTimeout;
            await client.AdminApi.ListTopicsAsync(new Proto.ListTopicsRequest(), deadline: deadline, cancellationToken: ct).ResponseAsync.ConfigureAwait(false);
            return client;
        }
        catch (Exception e) when (e is RpcException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            await client.DisposeAsync().ConfigureAwait(false);
            if (e is RpcException { StatusCode: StatusCode.DeadlineExceeded } or OperationCanceledException)
            {
                throw new FluvioException(FluvioErrorCode.ConnectionFailed,
                    $"Cannot reach the Fluvio broker at {client.Mapper.Broker}: no answer within {ErrorMapper.Seconds(client.Options.ConnectTimeout)}.", e);
            }
            throw client.Mapper.FromRpc((RpcException)e);
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
        _channel.Dispose();
    }

    internal void Forget(TopicProducer producer) => _producers.TryRemove(producer, out _);

    private void Track(TopicProducer producer) => _producers.TryAdd(producer, 0);

    /// <summary>One unary call with the request deadline, its failure mapped.</summary>
    internal async Task<T> UnaryAsync<T>(Func<CallOptions, AsyncUnaryCall<T>> start, string? subject, CancellationToken ct)
    {
        ThrowIfDisposed();
        try
        {
            var options = new CallOptions(deadline: DateTime.UtcNow + Options.RequestTimeout, cancellationToken: ct);
            return await start(options).ResponseAsync.ConfigureAwait(false);
        }
        catch (RpcException e)
        {
            throw Mapper.FromRpc(e, subject);
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            // The handler's connect timeout surfaces as a cancellation nobody asked for.
            throw Mapper.Unreachable(e);
        }
    }

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
