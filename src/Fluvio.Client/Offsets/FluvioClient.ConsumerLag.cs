using System.Diagnostics;

namespace Fluvio.Client;

/// <summary>Named consumers measured against the partitions they read: what <c>fluvio consumer list</c> shows, plus the lag.</summary>
public sealed partial class FluvioClient
{
    /// <summary>
    /// Every committed offset, narrowed by consumer, topic and partition when given, with its lag.
    /// Ordered by consumer, topic and partition. A topic that does not exist is TopicNotFound.
    /// </summary>
    public async Task<IReadOnlyList<ConsumerLag>> ListConsumerLagAsync(string? consumer = null, string? topic = null, int? partition = null, CancellationToken ct = default)
    {
        if (topic is not null)
        {
            // An empty answer must mean "no consumers there", not a misspelt topic.
            await DescribeTopicAsync(topic, ct).ConfigureAwait(false);
        }
        var committed = (await ListOffsetsAsync(consumer, topic, ct).ConfigureAwait(false))
            .Where(o => partition is null || o.Partition == partition)
            .OrderBy(o => o.Consumer, StringComparer.Ordinal).ThenBy(o => o.Topic, StringComparer.Ordinal).ThenBy(o => o.Partition)
            .ToArray();
        var ends = await EndsAsync(committed.Select(o => (o.Topic, o.Partition)).Distinct(), ct).ConfigureAwait(false);
        return committed.Select(o => ends.TryGetValue((o.Topic, o.Partition), out var offsets)
            ? ConsumerLag.Of(o.Consumer, o.Topic, o.Partition, o, offsets)
            : ConsumerLag.Orphaned(o)).ToArray();
    }

    /// <summary>
    /// <paramref name="consumer"/>'s lag in every partition of <paramref name="topic"/> (or in
    /// <paramref name="partition"/>), committed there or not: a partition it has never committed
    /// in lags by every record stored there, since that is what it would read.
    /// </summary>
    public async Task<IReadOnlyList<ConsumerLag>> GetConsumerLagAsync(string consumer, string topic, int? partition = null, CancellationToken ct = default)
    {
        RequireName(consumer, "Consumer name");
        RequireName(topic, "Topic name");
        if (partition is { } p)
        {
            RequirePartition(p);
        }
        var partitions = partition is { } one ? [one] : Enumerable.Range(0, (await DescribeTopicAsync(topic, ct).ConfigureAwait(false)).Partitions).ToArray();
        var committed = (await ListOffsetsAsync(consumer, topic, ct).ConfigureAwait(false)).ToDictionary(o => o.Partition);
        var offsets = await Task.WhenAll(partitions.Select(n => FetchOffsetsAsync(topic, n, ct))).ConfigureAwait(false);
        return partitions.Select((n, i) => ConsumerLag.Of(consumer, topic, n, committed.GetValueOrDefault(n), offsets[i])).ToArray();
    }

    /// <summary>
    /// Reads <paramref name="consumer"/>'s lag on <paramref name="topic"/> (<see cref="GetConsumerLagAsync"/>)
    /// every <paramref name="pollInterval"/> until its total is at most <paramref name="maxLag"/>,
    /// or <paramref name="timeout"/> has passed (null: no limit). It always reads at least once.
    /// </summary>
    public async Task<ConsumerLagWait> WaitForConsumerLagAsync(string consumer, string topic, int? partition = null, long maxLag = 0, TimeSpan? timeout = null,
        TimeSpan? pollInterval = null, CancellationToken ct = default)
    {
        FluvioClientOptions.Require(maxLag >= 0, "The lag to wait for", "cannot be negative");
        FluvioClientOptions.Require(timeout is not { } t || t >= TimeSpan.Zero, "The timeout", "cannot be negative");
        var interval = pollInterval ?? ConsumerLagWait.DefaultPollInterval;
        FluvioClientOptions.Require(interval > TimeSpan.Zero, "The poll interval", "must be positive");
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var lags = await GetConsumerLagAsync(consumer, topic, partition, ct).ConfigureAwait(false);
            if (ConsumerLag.Total(lags) <= maxLag)
            {
                return new ConsumerLagWait(true, lags);
            }
            var delay = interval;
            if (timeout is { } limit)
            {
                var left = limit - waited.Elapsed;
                if (left <= TimeSpan.Zero)
                {
                    return new ConsumerLagWait(false, lags);
                }
                // The last sleep ends at the deadline: the timeout is reported on time, after one more reading.
                delay = left < interval ? left : interval;
            }
            await Task.Delay(delay, ct).ConfigureAwait(false);
        }
    }

    /// <summary>The offsets of each partition named, asked for all at once.</summary>
    private async Task<Dictionary<(string Topic, int Partition), PartitionOffsets>> EndsAsync(IEnumerable<(string Topic, int Partition)> partitions, CancellationToken ct)
    {
        var asked = partitions.Select(async p => (p, Offsets: await EndOrNullAsync(p.Topic, p.Partition, ct).ConfigureAwait(false))).ToArray();
        var answers = await Task.WhenAll(asked).ConfigureAwait(false);
        return answers.Where(a => a.Offsets is not null).ToDictionary(a => a.p, a => a.Offsets!.Value);
    }

    private async Task<PartitionOffsets?> EndOrNullAsync(string topic, int partition, CancellationToken ct)
    {
        try
        {
            return await FetchOffsetsAsync(topic, partition, ct).ConfigureAwait(false);
        }
        catch (FluvioException e) when (e.Code is FluvioErrorCode.TopicNotFound or FluvioErrorCode.PartitionNotFound)
        {
            return null; // the offset outlived its topic
        }
    }
}
