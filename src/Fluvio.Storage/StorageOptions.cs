namespace Fluvio.Storage;

/// <summary>When appended data reaches the disk.</summary>
public enum FlushMode
{
    /// <summary>
    /// An append is acknowledged only after its bytes are fsynced. Appends that arrive while a
    /// write is in progress are grouped and share one fsync (group commit). No acknowledged
    /// record is lost on a crash or power failure.
    /// </summary>
    Fsync,

    /// <summary>
    /// An append is acknowledged as soon as it is written to the operating system; the files are
    /// fsynced every <see cref="StorageOptions.FlushInterval"/>. Faster, but a power failure or
    /// kernel crash can lose up to the last interval of acknowledged records (a crash of only this
    /// process loses nothing: the operating system still holds the written bytes).
    /// </summary>
    Interval,
}

/// <summary>Settings of a <see cref="LogStore"/>; the same for every topic it holds.</summary>
public sealed record StorageOptions
{
    /// <summary>Fluvio's default storage max_batch_size (2 MiB).</summary>
    public const int DefaultMaxBatchBytes = 2_097_152;

    public FlushMode FlushMode { get; init; } = FlushMode.Fsync;

    /// <summary>How often <see cref="FlushMode.Interval"/> fsyncs; unused in <see cref="FlushMode.Fsync"/>.</summary>
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The largest single batch an append accepts (whole encoded batch, header included).</summary>
    public int MaxBatchBytes { get; init; } = DefaultMaxBatchBytes;

    /// <summary>Bytes of log between two entries of a segment's sparse offset index.</summary>
    public int IndexIntervalBytes { get; init; } = 4096;

    /// <summary>How often the background retention pass runs.</summary>
    public TimeSpan RetentionCheckInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How many segment files the store keeps open, over all partitions (least recently used idle
    /// ones are closed; files in use at the same moment may add to it). Descriptors then stay
    /// bounded however many partitions and segments there are.
    /// </summary>
    public int MaxOpenFiles { get; init; } = 256;

    /// <summary>
    /// The longest consumer id a commit accepts, in UTF-8 bytes. Fluvio documents no limit; ids are
    /// names, and 1 KiB is far beyond any real one while keeping every consumer's memory small.
    /// </summary>
    public int MaxConsumerIdBytes { get; init; } = 1024;

    /// <summary>How many consumers may hold committed offsets in one topic (each is a file and memory).</summary>
    public int MaxConsumersPerTopic { get; init; } = 10_000;

    /// <summary>
    /// How many partitions the store holds over all its topics. Each is a folder, an index in
    /// memory and a writer; Fluvio sets no such limit on one SPU, but a bound keeps one careless
    /// or hostile create from exhausting the machine. Topics past it at open are fenced.
    /// </summary>
    public int MaxPartitions { get; init; } = 10_000;

    /// <summary>Receives diagnostic lines: recovery cuts, rebuilt indexes, fenced partitions, retention.</summary>
    public Action<string>? Log { get; init; }

    internal void Validate()
    {
        RequirePositive(FlushInterval > TimeSpan.Zero, nameof(FlushInterval), FlushInterval);
        RequirePositive(MaxBatchBytes > 0, nameof(MaxBatchBytes), MaxBatchBytes);
        RequirePositive(IndexIntervalBytes > 0, nameof(IndexIntervalBytes), IndexIntervalBytes);
        RequirePositive(MaxOpenFiles > 0, nameof(MaxOpenFiles), MaxOpenFiles);
        RequirePositive(MaxConsumerIdBytes > 0, nameof(MaxConsumerIdBytes), MaxConsumerIdBytes);
        RequirePositive(MaxPartitions > 0, nameof(MaxPartitions), MaxPartitions);
        RequirePositive(MaxConsumersPerTopic > 0, nameof(MaxConsumersPerTopic), MaxConsumersPerTopic);
        RequirePositive(RetentionCheckInterval > TimeSpan.Zero, nameof(RetentionCheckInterval), RetentionCheckInterval);
    }

    private static void RequirePositive(bool positive, string name, object value)
    {
        if (!positive)
        {
            throw new StorageException(FluvioErrorCode.InvalidArgument, $"{name} must be positive, got {value}.");
        }
    }
}
