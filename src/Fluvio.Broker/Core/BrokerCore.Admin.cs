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

    public void DeleteTopic(string name) => store.DeleteTopic(name);

    public IReadOnlyList<TopicConfig> ListTopics() => store.ListTopics();

    public TopicConfig GetTopic(string name) => store.GetTopic(name);
}
