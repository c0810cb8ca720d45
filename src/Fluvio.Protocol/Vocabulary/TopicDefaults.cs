namespace Fluvio;

/// <summary>
/// Fluvio's values for the topic settings a request leaves out. The broker fills them in when it
/// creates a topic; a client fills them in when the native spec it reads omits them (the real SC
/// leaves defaults out of the spec it returns).
/// </summary>
public static class TopicDefaults
{
    public const int Partitions = 1;
    public const int ReplicationFactor = 1;
    public const long SegmentSize = 1L << 30;
    public const long MaxPartitionSize = 100L << 30;
    public static readonly TimeSpan Retention = TimeSpan.FromDays(7);
}
