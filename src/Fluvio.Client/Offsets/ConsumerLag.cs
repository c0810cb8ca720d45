namespace Fluvio.Client;

/// <summary>
/// How far a named consumer is behind in one partition. <see cref="Offset"/> is its committed
/// offset (the last record consumed), null when it has never committed there; <see cref="Lag"/>
/// is the number of stored records it has not consumed yet; <see cref="LastCommit"/> is when the
/// broker recorded the commit, null when the broker does not say.
/// </summary>
public sealed record ConsumerLag(string Consumer, string Topic, int Partition, long? Offset, long Lag, DateTimeOffset? LastCommit)
{
    /// <summary>
    /// The consumer's lag in a partition that holds <paramref name="partition"/>'s offsets. Reading
    /// resumes after the committed offset, but never before the log start: records that retention
    /// removed can no longer be consumed, so they are not lag. A consumer that has never committed
    /// would read everything still stored.
    /// </summary>
    public static ConsumerLag Of(string consumer, string topic, int partition, ConsumerOffsetInfo? committed, PartitionOffsets offsets)
    {
        long next = Math.Max(committed is null ? offsets.LogStart : committed.Offset + 1, offsets.LogStart);
        return new ConsumerLag(consumer, topic, partition, committed?.Offset, Math.Max(0, offsets.EndOffset - next), LastCommitOf(committed));
    }

    /// <summary>A committed offset whose partition is gone (its topic was deleted): nothing is left to consume.</summary>
    public static ConsumerLag Orphaned(ConsumerOffsetInfo committed) =>
        new(committed.Consumer, committed.Topic, committed.Partition, committed.Offset, 0, LastCommitOf(committed));

    /// <summary>The sum of the lags, for a consumer's lag on a whole topic.</summary>
    public static long Total(IEnumerable<ConsumerLag> lags) => lags.Sum(l => l.Lag);

    // A broker that keeps no commit time sends 0 (the Unix epoch): that is "unknown", not 1970.
    private static DateTimeOffset? LastCommitOf(ConsumerOffsetInfo? committed) =>
        committed is { } c && c.Modified > DateTimeOffset.UnixEpoch ? c.Modified : null;
}
