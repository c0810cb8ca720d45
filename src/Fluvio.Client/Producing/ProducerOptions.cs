using Fluvio.Protocol.Compression;

namespace Fluvio.Client;

/// <summary>How a <see cref="TopicProducer"/> batches, sends and retries.</summary>
public sealed record ProducerOptions
{
    /// <summary>Uncompressed bytes per batch; a record that would pass it starts a new batch.</summary>
    public int BatchSize { get; init; } = 16384;

    /// <summary>How long a batch may wait for more records before it is sent (Fluvio 0.11.11: 100 ms).</summary>
    public TimeSpan Linger { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Batch codec; null = the topic's codec when it fixes one, otherwise none.</summary>
    public CompressionCodec? Compression { get; init; }

    public DeliverySemantic Delivery { get; init; } = DeliverySemantic.AtLeastOnce;

    /// <summary>Reconnects (AtLeastOnce) before unacknowledged records fail.</summary>
    public int MaxRetries { get; init; } = 4;

    /// <summary>Requests written but not yet answered.</summary>
    public int MaxInFlightRequests { get; init; } = 16;

    /// <summary>Batch bytes packed into one request (a bigger batch still goes, alone).</summary>
    /// <remarks>
    /// 1 MiB, Kafka's max.request.size: each request is a large object on both sides (the gRPC
    /// message, the broker's copy of it), and at 4 MiB the large-object heap held 50-130 MB while
    /// Send-FluvioRecord -Path sent 10 M lines (real pwsh: 292 MB peak, 198-200 MB at 1 MiB).
    /// Smaller requests gained no memory and sent 10-20 % slower (256 and 64 KiB).
    /// </remarks>
    public int MaxRequestBytes { get; init; } = 1024 * 1024;

    /// <summary>Bytes of records not yet acknowledged before Send blocks.</summary>
    public long MaxBufferedBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>How long a request may wait for its answer before the stream counts as broken.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>First reconnect delay; it doubles on each further attempt (capped at 5 s).</summary>
    internal TimeSpan RetryBackoff { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// SmartModules the cluster runs over each sent batch before storing what comes out, as
    /// Fluvio's SPU does on produce (the CLI's produce --smartmodule). A record's metadata then
    /// names the stored batch, not the record: filtered records have no offset of their own.
    /// </summary>
    public IReadOnlyList<SmartModuleSpec>? SmartModules { get; init; }

    internal void Validate()
    {
        FluvioClientOptions.Require(BatchSize >= 64, nameof(BatchSize), "must be at least 64 bytes");
        FluvioClientOptions.Require(Linger >= TimeSpan.Zero, nameof(Linger), "cannot be negative");
        FluvioClientOptions.Require(Compression is null || Enum.IsDefined(Compression.Value), nameof(Compression), "is not a known codec");
        FluvioClientOptions.Require(MaxRetries >= 0, nameof(MaxRetries), "cannot be negative");
        FluvioClientOptions.Require(MaxInFlightRequests >= 1, nameof(MaxInFlightRequests), "must be at least 1");
        FluvioClientOptions.Require(MaxRequestBytes >= 1024, nameof(MaxRequestBytes), "must be at least 1 KiB");
        FluvioClientOptions.Require(MaxBufferedBytes >= 1024, nameof(MaxBufferedBytes), "must be at least 1 KiB");
        FluvioClientOptions.Require(RequestTimeout > TimeSpan.Zero, nameof(RequestTimeout), "must be positive");
        foreach (var module in SmartModules ?? [])
        {
            FluvioClientOptions.Require(module is not null, nameof(SmartModules), "cannot hold null");
            module!.Validate();
        }
    }
}
