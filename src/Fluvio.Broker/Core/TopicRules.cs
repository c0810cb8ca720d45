using System.Globalization;
using Fluvio.Storage;

namespace Fluvio.Broker.Core;

/// <summary>
/// Fluvio's own checks of a topic's settings (the SC's TopicSpec::validate_config and its
/// minimums in fluvio-types' defaults.rs) and this broker's partition limit. Every refusal is
/// InvalidArgument naming the wire field, with the value given and the range allowed.
/// </summary>
internal static class TopicRules
{
    /// <summary>Fluvio's SPU_LOG_LOG_SEGMENT_MAX_BYTE_MIN: a smaller segment rolls on nearly every batch.</summary>
    public const long MinSegmentSize = 1024;

    /// <summary>Fluvio's SPU_PARTITION_MAX_BYTES_MIN (two minimum segments).</summary>
    public const long MinMaxPartitionSize = 2 * MinSegmentSize;

    /// <summary>Fluvio's STORAGE_RETENTION_SECONDS_MIN.</summary>
    public static readonly TimeSpan MinRetention = TimeSpan.FromSeconds(10);

    /// <summary>The native wire carries retention as u32 seconds; gRPC's i64 must not say more than it can.</summary>
    public static readonly TimeSpan MaxRetention = TimeSpan.FromSeconds(uint.MaxValue);

    public static void Check(TopicConfig config, int maxPartitions)
    {
        if (config.Partitions < 1 || config.Partitions > maxPartitions)
        {
            // A wire count past int range arrives as int.MaxValue (BrokerCore.PartitionIndex).
            string given = config.Partitions == int.MaxValue ? $"{int.MaxValue} or more" : config.Partitions.ToString(CultureInfo.InvariantCulture);
            Fail(config, $"partitions must be 1 to {maxPartitions}, {given} given (--max-partitions-per-topic)");
        }
        if (config.Retention < MinRetention || config.Retention > MaxRetention)
        {
            throw RetentionRefused(config.Name, config.Retention.TotalSeconds.ToString(CultureInfo.InvariantCulture));
        }
        if (config.SegmentSize < MinSegmentSize || config.SegmentSize > TopicConfig.MaxSegmentSize)
        {
            Fail(config, $"segment_size must be {MinSegmentSize} to {TopicConfig.MaxSegmentSize} bytes, {config.SegmentSize} given");
        }
        if (config.MaxPartitionSize < Math.Max(MinMaxPartitionSize, config.SegmentSize))
        {
            Fail(config, $"max_partition_size must be at least {MinMaxPartitionSize} bytes and at least the segment size ({config.SegmentSize}), {config.MaxPartitionSize} given");
        }
    }

    /// <summary>
    /// A retention given as whole seconds of a wider type than TimeSpan holds (gRPC's i64): out of
    /// range is the same refusal as in <see cref="Check"/>, not an overflow.
    /// </summary>
    public static TimeSpan Retention(string topic, long seconds) =>
        seconds < MinRetention.TotalSeconds || seconds > MaxRetention.TotalSeconds
            ? throw RetentionRefused(topic, seconds.ToString(CultureInfo.InvariantCulture))
            : TimeSpan.FromSeconds(seconds);

    private static StorageException RetentionRefused(string topic, string seconds) =>
        Invalid(topic, $"retention must be {MinRetention.TotalSeconds} to {MaxRetention.TotalSeconds} seconds, {seconds} given");

    private static void Fail(TopicConfig config, string problem) => throw Invalid(config.Name, problem);

    private static StorageException Invalid(string topic, string problem) =>
        new(FluvioErrorCode.InvalidArgument, $"Invalid settings for topic '{TopicName.Quote(topic)}': {problem}.");
}
