using System.Net.Http;
using Grpc.Core;
using Grpc.Net.Client;
using Proto = Fluvio.Protocol.Grpc;

namespace Fluvio.Client;

/// <summary>gRPC to our broker (http:// = HTTP/2 cleartext, https:// = TLS): one channel, every call on it.</summary>
internal sealed partial class GrpcTransport : IClusterTransport
{
    private readonly GrpcChannel _channel;
    private readonly FluvioClientOptions _options;
    private readonly Proto.Admin.AdminClient _admin;
    private readonly Proto.Offsets.OffsetsClient _offsets;
    private readonly Proto.Producer.ProducerClient _producer;
    private readonly Proto.Consumer.ConsumerClient _consumer;
    private readonly Proto.SmartModuleAdmin.SmartModuleAdminClient _smartModuleAdmin;

    private GrpcTransport(Uri endpoint, FluvioClientOptions options, GrpcChannel channel, CallInvoker invoker, ClientTls? tls)
    {
        _channel = channel;
        _options = options;
        Errors = new ConnectionErrors(endpoint, options.ConnectTimeout, tls);
        _admin = new Proto.Admin.AdminClient(invoker);
        _offsets = new Proto.Offsets.OffsetsClient(invoker);
        _producer = new Proto.Producer.ProducerClient(invoker);
        _consumer = new Proto.Consumer.ConsumerClient(invoker);
        _smartModuleAdmin = new Proto.SmartModuleAdmin.SmartModuleAdminClient(invoker);
    }

    public ConnectionErrors Errors { get; }

    public static GrpcTransport Create(Uri endpoint, FluvioClientOptions options)
    {
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
            return new GrpcTransport(endpoint, options, channel, BearerToken.Invoker(channel, endpoint, options.Token), tls);
        }
        catch
        {
            channel.Dispose();
            throw;
        }
    }

    public async Task ProbeAsync(CancellationToken ct)
    {
        try
        {
            var deadline = DateTime.UtcNow + _options.ConnectTimeout;
            await _admin.ListTopicsAsync(new Proto.ListTopicsRequest(), deadline: deadline, cancellationToken: ct).ResponseAsync.ConfigureAwait(false);
        }
        catch (Exception e) when (e is RpcException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            if (e is RpcException { StatusCode: StatusCode.DeadlineExceeded } or OperationCanceledException)
            {
                throw new FluvioException(FluvioErrorCode.ConnectionFailed,
                    $"Cannot reach the Fluvio broker at {Errors.Broker}: no answer within {ConnectionErrors.Seconds(_options.ConnectTimeout)}.", e);
            }
            throw Errors.FromRpc((RpcException)e);
        }
    }

    public async Task<TopicInfo> CreateTopicAsync(TopicSpec spec, CancellationToken ct) =>
        ProtoConvert.ToTopicInfo(await UnaryAsync(o => _admin.CreateTopicAsync(ProtoConvert.ToRequest(spec), o), spec.Name, ct).ConfigureAwait(false));

    public Task DeleteTopicAsync(string name, CancellationToken ct) =>
        UnaryAsync(o => _admin.DeleteTopicAsync(new Proto.DeleteTopicRequest { Name = name }, o), name, ct);

    public async Task<IReadOnlyList<TopicInfo>> ListTopicsAsync(CancellationToken ct)
    {
        var response = await UnaryAsync(o => _admin.ListTopicsAsync(new Proto.ListTopicsRequest(), o), null, ct).ConfigureAwait(false);
        return response.Topics.Select(ProtoConvert.ToTopicInfo).ToArray();
    }

    public async Task<TopicInfo> DescribeTopicAsync(string name, CancellationToken ct) =>
        ProtoConvert.ToTopicInfo(await UnaryAsync(o => _admin.DescribeTopicAsync(new Proto.DescribeTopicRequest { Name = name }, o), name, ct).ConfigureAwait(false));

    public async Task<IReadOnlyList<PartitionInfo>> ListPartitionsAsync(string? topic, CancellationToken ct)
    {
        var request = new Proto.ListPartitionsRequest { Topic = topic ?? "" };
        var response = await UnaryAsync(o => _admin.ListPartitionsAsync(request, o), topic, ct).ConfigureAwait(false);
        return response.Partitions.Select(ProtoConvert.ToPartitionInfo).ToArray();
    }

    public async Task<TopicInfo> AddPartitionsAsync(string topic, int count, CancellationToken ct)
    {
        var request = new Proto.AddPartitionsRequest { Topic = topic, Count = (uint)count };
        return ProtoConvert.ToTopicInfo(await UnaryAsync(o => _admin.AddPartitionsAsync(request, o), topic, ct).ConfigureAwait(false));
    }

    /// <summary>
    /// Our broker is one node: one SPU, itself, online when it answers (the probe's cheap call
    /// proves it, rather than a second listing of every partition). Its id is the one the broker
    /// names as every partition's leader; its endpoint is the one this client uses.
    /// </summary>
    public async Task<IReadOnlyList<SpuInfo>> ListSpusAsync(CancellationToken ct)
    {
        await ProbeAsync(ct).ConfigureAwait(false);
        return [new SpuInfo(LocalSpuId, LocalSpuId.ToString(System.Globalization.CultureInfo.InvariantCulture), Errors.Broker, SpuInfo.Online, null, "broker")];
    }

    /// <summary>The SPU id our broker gives itself (BrokerCore.LocalSpuId, which this side cannot reference).</summary>
    internal const int LocalSpuId = 5001;

    public async Task<PartitionOffsets> FetchOffsetsAsync(string topic, int partition, CancellationToken ct)
    {
        var request = new Proto.FetchOffsetsRequest { Topic = topic, Partition = (uint)partition };
        var response = await UnaryAsync(o => _offsets.FetchOffsetsAsync(request, o), topic, ct).ConfigureAwait(false);
        return new PartitionOffsets(response.LogStart, response.EndOffset);
    }

    public async Task<ConsumerOffsetInfo> CommitOffsetAsync(string consumer, string topic, int partition, long offset, CancellationToken ct)
    {
        var request = new Proto.CommitConsumerOffsetRequest { Consumer = consumer, Topic = topic, Partition = (uint)partition, Offset = offset };
        return ProtoConvert.ToOffsetInfo(await UnaryAsync(o => _offsets.CommitConsumerOffsetAsync(request, o), topic, ct).ConfigureAwait(false));
    }

    public async Task<ConsumerOffsetInfo?> GetOffsetAsync(string consumer, string topic, int partition, CancellationToken ct)
    {
        var request = new Proto.GetConsumerOffsetRequest { Consumer = consumer, Topic = topic, Partition = (uint)partition };
        try
        {
            return ProtoConvert.ToOffsetInfo(await UnaryAsync(o => _offsets.GetConsumerOffsetAsync(request, o), topic, ct).ConfigureAwait(false));
        }
        catch (FluvioException e) when (e.Code == FluvioErrorCode.ConsumerOffsetNotFound)
        {
            return null;
        }
    }

    public async Task<IReadOnlyList<ConsumerOffsetInfo>> ListOffsetsAsync(string? consumer, string? topic, CancellationToken ct)
    {
        var request = new Proto.ListConsumerOffsetsRequest { Consumer = consumer ?? "", Topic = topic ?? "" };
        var response = await UnaryAsync(o => _offsets.ListConsumerOffsetsAsync(request, o), topic, ct).ConfigureAwait(false);
        return response.Offsets.Select(ProtoConvert.ToOffsetInfo).ToArray();
    }

    public async Task<IReadOnlyList<ConsumerOffsetInfo>> DeleteOffsetsAsync(string consumer, string? topic, int? partition, CancellationToken ct)
    {
        var request = new Proto.DeleteConsumerOffsetsRequest
        {
            Consumer = consumer,
            Topic = topic ?? "",
            HasPartition = partition.HasValue,
            Partition = (uint)(partition ?? 0),
        };
        var response = await UnaryAsync(o => _offsets.DeleteConsumerOffsetsAsync(request, o), topic, ct).ConfigureAwait(false);
        return response.Deleted.Select(ProtoConvert.ToOffsetInfo).ToArray();
    }

    public IProduceLink OpenProduceLink(string topic, IReadOnlyList<SmartModuleSpec>? smartModules = null) =>
        new GrpcProduceLink(_producer, topic, Errors, smartModules);

    // The gRPC contract has no isolation: one node, every stored record is committed.
    public async Task<ReadOnlyMemory<byte>> ReadOnceAsync(string topic, int partition, long offset, int maxBytes, ReadIsolation isolation, CancellationToken ct)
    {
        var request = new Proto.ReadRequest { Topic = topic, Partition = (uint)partition, Offset = offset, MaxBytes = maxBytes };
        return (await UnaryAsync(o => _consumer.ReadAsync(request, o), topic, ct).ConfigureAwait(false)).Batches.Memory;
    }

    public IConsumeStream OpenConsumeStream(string topic, int partition, ConsumerOptions options, CancellationToken ct) =>
        new GrpcConsumeStream(_consumer.Consume(GrpcConsumeStream.ToRequest(topic, partition, options), cancellationToken: ct), Errors, topic);

    public ValueTask DisposeAsync()
    {
        _channel.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>One unary call with the request deadline, its failure mapped.</summary>
    private async Task<T> UnaryAsync<T>(Func<CallOptions, AsyncUnaryCall<T>> start, string? subject, CancellationToken ct)
    {
        try
        {
            var options = new CallOptions(deadline: DateTime.UtcNow + _options.RequestTimeout, cancellationToken: ct);
            return await start(options).ResponseAsync.ConfigureAwait(false);
        }
        catch (RpcException e)
        {
            throw Errors.FromRpc(e, subject);
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            // The handler's connect timeout surfaces as a cancellation nobody asked for.
            throw Errors.Unreachable(e);
        }
    }
}
