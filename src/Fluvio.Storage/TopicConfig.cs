namespace Fluvio.Storage;

/// <summary>A topic's settings, stored as <c>topic.json</c> in its directory.</summary>
/// <param name="Retention">Sealed segments whose log file was last written longer ago are deleted.</param>
/// <param name="SegmentSize">A partition rolls to a new segment before the active one would exceed this (bytes, at most 4 GiB − 1 because index positions are u32).</param>
/// <param name="MaxPartitionSize">The oldest sealed segments are deleted while a partition is larger.</param>
/// <param name="CreatedAt">When the topic was created; <c>default</c> means "now" to <see cref="LogStore.CreateTopic"/>.</param>
public sealed record TopicConfig(
    string Name,
    int Partitions,
    int ReplicationFactor,
    TimeSpan Retention,
    long SegmentSize,
    long MaxPartitionSize,
    TopicCompression Compression,
    DateTimeOffset CreatedAt)
{
    /// <summary>Fluvio's defaults (<see cref="TopicDefaults"/>) with an empty name: use <c>TopicConfig.Defaults with { Name = "…" }</c>.</summary>
    public static TopicConfig Defaults { get; } = new(
        "",
        TopicDefaults.Partitions,
        TopicDefaults.ReplicationFactor,
        TopicDefaults.Retention,
        TopicDefaults.SegmentSize,
        TopicDefaults.MaxPartitionSize,
        TopicCompression.Any,
        default);

    /// <summary>Largest segment the u32 file positions of the index can address.</summary>
    public const long MaxSegmentSize = uint.MaxValue;

    /// <summary>Checks everything but the name; throws <see cref="FluvioErrorCode.InvalidArgument"/>.</summary>
    internal void ValidateSettings()
    {
        if (Partitions < 1)
        {
            Fail($"a topic needs at least 1 partition, {Partitions} given");
        }
        if (ReplicationFactor < 1)
        {
            Fail($"the replication factor must be at least 1, {ReplicationFactor} given");
        }
        if (Retention <= TimeSpan.Zero)
        {
            Fail($"retention must be positive, {Retention} given");
        }
        if (SegmentSize < 1 || SegmentSize > MaxSegmentSize)
        {
            Fail($"the segment size must be between 1 and {MaxSegmentSize} bytes, {SegmentSize} given");
        }
        if (MaxPartitionSize < 1)
        {
            Fail($"the max partition size must be positive, {MaxPartitionSize} given");
        }
        if (!Enum.IsDefined(Compression))
        {
            Fail($"unknown compression {(int)Compression}");
        }
    }

    private void Fail(string problem) =>
        throw new StorageException(FluvioErrorCode.InvalidArgument, $"Invalid settings for topic '{Name}': {problem}.");
}
