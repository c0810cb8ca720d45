using Fluvio.Storage;

namespace Fluvio.Broker.Core;

internal sealed partial class BrokerCore
{
    /// <summary>
    /// More partitions than this in one topic is a typo, not a plan: each one is a directory and
    /// open files, made while the topic is created. 1,000 leaves room for any real consumer group.
    /// </summary>
    public const int MaxPartitions = 1_000;

    /// <summary>Creates a topic (or only checks it, for a dry run) within the broker's limits.</summary>
    public TopicConfig CreateTopic(TopicConfig config, bool dryRun)
    {
        if (config.Partitions < 1 || config.Partitions > MaxPartitions)
        {
            throw new StorageException(FluvioErrorCode.InvalidArgument,
                $"A topic needs 1 to {MaxPartitions} partitions, {config.Partitions} given.");
        }
        return store.CreateTopic(config, dryRun);
    }

    public void DeleteTopic(string name) => store.DeleteTopic(name);

    public IReadOnlyList<TopicConfig> ListTopics() => store.ListTopics();

    public TopicConfig GetTopic(string name) => store.GetTopic(name);
}
