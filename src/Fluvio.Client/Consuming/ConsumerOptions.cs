namespace Fluvio.Client;

/// <summary>What a consumer reads.</summary>
public sealed record ConsumerOptions
{
    /// <summary>The partitions to read; null = every partition, merged (order is kept within each).</summary>
    public IReadOnlyList<int>? Partitions { get; init; }

    public ConsumerStart Start { get; init; } = ConsumerStart.Beginning;

    /// <summary>Keep waiting for new records; otherwise stop at the end seen when each stream began.</summary>
    public bool Continuous { get; init; }

    /// <summary>Inclusive last offset: a partition stops after its record at this offset (or past it).</summary>
    public long? EndOffset { get; init; }

    /// <summary>A named consumer: where it has a committed offset, reading resumes right after it.</summary>
    public string? Consumer { get; init; }

    /// <summary>The largest <see cref="MaxBytes"/> accepted: 64 MiB (our broker clamps an answer to 1 MiB over gRPC and 32 MiB natively).</summary>
    public const int MaxMaxBytes = 64 * 1024 * 1024;

    /// <summary>
    /// Upper bound on the batch bytes of one response, 1 to <see cref="MaxMaxBytes"/>: the native
    /// StreamFetch max_bytes; over gRPC the consume request's max_bytes (at most 64 KiB per answer;
    /// the broker clamps to 1 MiB). Our broker always sends one whole batch at least; a real SPU
    /// cuts at this size even inside a batch.
    /// </summary>
    public int MaxBytes { get; init; } = 1024 * 1024;

    /// <summary>
    /// The native StreamFetch isolation: ReadCommitted (the default, as before: only records the
    /// SPU counts as replicated) or ReadUncommitted (up to the leader's log end, the Fluvio CLI's
    /// default). Our broker is one node without replication, so both read the same records
    /// there (committed = acknowledged); the gRPC contract has no field for it.
    /// </summary>
    public ReadIsolation Isolation { get; init; } = ReadIsolation.ReadCommitted;

    /// <summary>
    /// Times in a row a lost stream is opened again at the next offset (a broker restart), pausing
    /// 0.25 s, then twice as long each time (at most 4 s), before the read fails. 0 = never.
    /// </summary>
    public int MaxReconnects { get; init; } = 5;

    /// <summary>SmartModules the cluster runs over the records before sending them, in order (a chain); null or empty: none.</summary>
    public IReadOnlyList<SmartModuleSpec>? SmartModules { get; init; }

    internal bool HasSmartModules => SmartModules is { Count: > 0 };

    internal void Validate()
    {
        FluvioClientOptions.Require(Start is not null, nameof(Start), "is required");
        FluvioClientOptions.Require(MaxBytes > 0, nameof(MaxBytes), "must be positive");
        FluvioClientOptions.Require(MaxBytes <= MaxMaxBytes, nameof(MaxBytes), $"cannot be more than {MaxMaxBytes} (64 MiB)");
        FluvioClientOptions.Require(Enum.IsDefined(Isolation), nameof(Isolation), "must be ReadCommitted or ReadUncommitted");
        FluvioClientOptions.Require(MaxReconnects >= 0, nameof(MaxReconnects), "cannot be negative");
        FluvioClientOptions.Require(EndOffset is not { } end || end >= 0, nameof(EndOffset), "cannot be negative");
        if (EndOffset is { } last && Start is ConsumerStart.OffsetStart { Offset: var first } && last < first)
        {
            throw new FluvioException(FluvioErrorCode.InvalidArgument, $"End offset {last} cannot be less than the start offset {first}.");
        }
        foreach (var module in SmartModules ?? [])
        {
            FluvioClientOptions.Require(module is not null, nameof(SmartModules), "cannot hold null");
            module!.Validate();
        }
        if (Partitions is { } partitions)
        {
            FluvioClientOptions.Require(partitions.Count > 0, nameof(Partitions), "cannot be empty (null means every partition)");
            FluvioClientOptions.Require(partitions.Distinct().Count() == partitions.Count, nameof(Partitions), "cannot name a partition twice");
            foreach (int p in partitions)
            {
                FluvioClient.RequirePartition(p);
            }
        }
    }
}
