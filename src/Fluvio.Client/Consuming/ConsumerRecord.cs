namespace Fluvio.Client;

/// <summary>One consumed record. Key and value are slices of the received batch, not copies.</summary>
public sealed class ConsumerRecord
{
    public ConsumerRecord(string topic, int partition, long offset, long timestampMs, bool hasKey, ReadOnlyMemory<byte> key, ReadOnlyMemory<byte> value)
    {
        Topic = topic;
        Partition = partition;
        Offset = offset;
        TimestampMs = timestampMs;
        HasKey = hasKey;
        Key = key;
        Value = value;
    }

    public string Topic { get; }

    public int Partition { get; }

    public long Offset { get; }

    /// <summary>Milliseconds since the Unix epoch, or -1 when the batch carries no timestamp.</summary>
    public long TimestampMs { get; }

    /// <summary>False for a keyless record; an empty key is still a key.</summary>
    public bool HasKey { get; }

    public ReadOnlyMemory<byte> Key { get; }

    public ReadOnlyMemory<byte> Value { get; }

    /// <summary>The timestamp as a date, or null when there is none.</summary>
    public DateTimeOffset? Timestamp => TimestampMs >= 0 ? DateTimeOffset.FromUnixTimeMilliseconds(TimestampMs) : null;
}
