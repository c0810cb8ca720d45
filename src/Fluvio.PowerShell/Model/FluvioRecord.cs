using System.Text;

namespace Fluvio.PowerShell;

/// <summary>
/// One record read from a topic. Key and Value are the bytes decoded as UTF-8, on first use:
/// a pipeline that only counts records, or reads the bytes, never pays for the strings.
/// </summary>
public sealed class FluvioRecord
{
    private readonly ReadOnlyMemory<byte> _key;
    private readonly ReadOnlyMemory<byte> _value;
    private readonly bool _hasKey;
    private string? _keyText;
    private string? _valueText;

    internal FluvioRecord(string topic, int partition, long offset, long timestampMs, bool hasKey, ReadOnlyMemory<byte> key, ReadOnlyMemory<byte> value)
    {
        Topic = topic;
        Partition = partition;
        Offset = offset;
        Timestamp = timestampMs < 0 ? null : DateTimeOffset.FromUnixTimeMilliseconds(timestampMs);
        _hasKey = hasKey;
        _key = key;
        _value = value;
    }

    public string Topic { get; }
    public int Partition { get; }
    public long Offset { get; }

    /// <summary>When the producer stamped the record; null when the batch carries no timestamp.</summary>
    public DateTimeOffset? Timestamp { get; }

    /// <summary>The key as text, or null for a keyless record.</summary>
    public string? Key => _hasKey ? _keyText ??= Encoding.UTF8.GetString(_key.Span) : null;

    public string Value => _valueText ??= Encoding.UTF8.GetString(_value.Span);

    public byte[]? KeyBytes => _hasKey ? _key.ToArray() : null;

    public byte[] ValueBytes => _value.ToArray();

    public override string ToString() => _hasKey ? $"[{Key}] {Value}" : Value;
}
