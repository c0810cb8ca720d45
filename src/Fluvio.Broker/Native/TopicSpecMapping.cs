using Fluvio.Protocol.Native;
using Fluvio.Storage;

namespace Fluvio.Broker.Native;

/// <summary>
/// Converts between the native TopicSpec (wire protocol §4.8.1) and the storage's TopicConfig,
/// which both front doors share (the core checks its limits). What storage cannot honour is refused with the status the real
/// SC would give, never silently dropped.
/// </summary>
internal static class TopicSpecMapping
{
    /// <summary>The config for <paramref name="spec"/>, or the status that refuses it.</summary>
    public static (TopicConfig? Config, Status? Refusal) ToConfig(string name, TopicSpec spec)
    {
        var defaults = TopicConfig.Defaults;
        int partitions, replication;
        switch (spec.Replicas)
        {
            case ComputedReplicas computed:
                partitions = computed.PartitionCount;
                replication = computed.ReplicationFactor > int.MaxValue ? int.MaxValue : (int)computed.ReplicationFactor;
                break;
            case AssignedReplicas assigned:
                if (!assigned.Maps.Select(m => m.Id).Order().SequenceEqual(Enumerable.Range(0, assigned.Maps.Count).Select(i => (uint)i)))
                {
                    return Refuse(name, ErrorCodes.TopicError, "Assigned partition ids must be 0, 1, 2… with none missing or repeated.");
                }
                partitions = assigned.Maps.Count;
                replication = assigned.Maps.Count == 0 ? 0 : assigned.Maps[0].Replicas.Count;
                break;
            default:
                return Refuse(name, ErrorCodes.TopicError, "Mirror topics are not supported by this single-node broker.");
        }
        if (spec.Deduplication is { } deduplication)
        {
            // The real SC looks for the deduplication SmartModule first; this broker has none.
            return Refuse(name, ErrorCodes.TopicInvalidConfiguration,
                $"Deduplication needs the SmartModule '{deduplication.Uses}', and this broker runs no SmartModules.");
        }
        if (spec.System)
        {
            return Refuse(name, ErrorCodes.TopicInvalidConfiguration, "System topics cannot be created.");
        }
        var config = defaults with
        {
            Name = name,
            Partitions = partitions,
            ReplicationFactor = replication,
            Retention = spec.CleanupPolicy is { } cleanup ? TimeSpan.FromSeconds(cleanup.TimeInSeconds) : defaults.Retention,
            SegmentSize = spec.Storage?.SegmentSize ?? defaults.SegmentSize,
            MaxPartitionSize = spec.Storage?.MaxPartitionSize is { } max ? (long)Math.Min(max, long.MaxValue) : defaults.MaxPartitionSize,
            Compression = spec.Compression,
            CreatedAt = DateTimeOffset.UtcNow,
        };
        return (config, null);
    }

    /// <summary>The spec a client sees for a stored topic; settings left at their defaults are absent, as the client sent them.</summary>
    public static TopicSpec ToSpec(TopicConfig config) => new(
        new ComputedReplicas((uint)config.Partitions, (uint)config.ReplicationFactor, IgnoreRackAssignment: false),
        CleanupPolicyOf(config),
        StorageOf(config),
        config.Compression);

    public static CleanupPolicy? CleanupPolicyOf(TopicConfig config) =>
        config.Retention == TopicDefaults.Retention ? null : new CleanupPolicy((uint)Math.Clamp(config.Retention.TotalSeconds, 1, uint.MaxValue));

    public static TopicStorageConfig? StorageOf(TopicConfig config)
    {
        bool segmentSet = config.SegmentSize != TopicDefaults.SegmentSize;
        bool maxSet = config.MaxPartitionSize != TopicDefaults.MaxPartitionSize;
        return segmentSet || maxSet
            ? new TopicStorageConfig(segmentSet ? (uint)Math.Min(config.SegmentSize, uint.MaxValue) : null, maxSet ? (ulong)config.MaxPartitionSize : null)
            : null;
    }

    private static (TopicConfig?, Status?) Refuse(string name, short code, string message) =>
        (null, new Status(name, ErrorCode.Of(code), message));
}
