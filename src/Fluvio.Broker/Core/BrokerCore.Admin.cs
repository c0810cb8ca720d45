using System.Globalization;
using Fluvio.Storage;

namespace Fluvio.Broker.Core;

internal sealed partial class BrokerCore
{
    /// <summary>
    /// Creates a topic (or only checks it, for a dry run) within the broker's limits and Fluvio's
    /// own rules for topic settings (<see cref="TopicRules"/>); the broker-wide partition limit is
    /// the store's, counted atomically with the creates in flight.
    /// </summary>
    public TopicConfig CreateTopic(TopicConfig config, bool dryRun)
    {
        TopicName.Validate(config.Name);
        TopicRules.Check(config, limits.MaxPartitionsPerTopic);
        return store.CreateTopic(config, dryRun);
    }

    /// <summary>
    /// Adds <paramref name="count"/> partitions to a topic (both doors: the native Update's
    /// AddPartition and the gRPC AddPartitions). A count below 1, or one that would take the
    /// topic past --max-partitions-per-topic or the broker past --max-partitions, is
    /// InvalidArgument naming the field <c>count</c>. Returns the topic's new settings.
    /// </summary>
    public TopicConfig AddPartitions(string name, long count)
    {
        if (count < 1 || count > limits.MaxPartitionsPerTopic)
        {
            throw new StorageException(FluvioErrorCode.InvalidArgument,
                $"count: 1 to {limits.MaxPartitionsPerTopic} partitions may be added (--max-partitions-per-topic), {count.ToString(CultureInfo.InvariantCulture)} given.");
        }
        return store.AddPartitions(name, (int)count, limits.MaxPartitionsPerTopic);
    }

    public void DeleteTopic(string name) => store.DeleteTopic(name);

    public IReadOnlyList<TopicConfig> ListTopics() => store.ListTopics();

    public TopicConfig GetTopic(string name) => store.GetTopic(name);
}
