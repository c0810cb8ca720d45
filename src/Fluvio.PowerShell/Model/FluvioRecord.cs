using System.Text;
using System.Management.Automation;
using System.Text.Unicode;
using Newtonsoft.Json;

namespace Fluvio.PowerShell;

/// <summary>
/// One record read from a topic. Key and Value are the bytes decoded as UTF-8, on first use:
/// a pipeline that only counts records, or reads the bytes, never pays for the strings.
/// </summary>
/// <remarks>
/// Shaped for ConvertTo-Json, which writes every public property it finds by reflection: the text
/// Key and Value, Partition, Offset and an ISO 8601 Timestamp go out; KeyBase64 and ValueBase64
/// carry the exact bytes only when they are not valid UTF-8 (else null), so text stays readable
/// and binary stays lossless. KeyBytes and ValueBytes are left out, as arrays of numbers they were
/// noise: ConvertTo-Json reads the public properties by reflection, skipping [JsonIgnore] ones, then
/// PowerShell's view of them, skipping [Hidden] ones; it takes both. They still read as before
/// ($record.ValueBytes), and Get-Member -Force lists them.
/// </remarks>
public sealed class FluvioRecord
{
    private readonly ReadOnlyMemory<byte> _key;
    private readonly ReadOnlyMemory<byte> _value;
    private readonly bool _hasKey;
    private readonly long _timestampMs;
    private string? _keyText;
    private string? _valueText;

    internal FluvioRecord(string topic, int partition, long offset, long timestampMs, bool hasKey, ReadOnlyMemory<byte> key, ReadOnlyMemory<byte> value)
    {
        Topic = topic;
        Partition = partition;
        Offset = offset;
        _timestampMs = timestampMs;
        _hasKey = hasKey;
        _key = key;
        _value = value;
    }

    public string Topic { get; }
    public int Partition { get; }
    public long Offset { get; }

    /// <summary>When the producer stamped the record; null when the batch carries no timestamp.</summary>
    /// <remarks>Made on use from the stored milliseconds: a record that is only counted or filtered never needs it, and the object stays smaller.</remarks>
    public DateTimeOffset? Timestamp => _timestampMs < 0 ? null : DateTimeOffset.FromUnixTimeMilliseconds(_timestampMs);

    /// <summary>The key as text, or null for a keyless record.</summary>
    public string? Key => _hasKey ? _keyText ??= Encoding.UTF8.GetString(_key.Span) : null;

    public string Value => _valueText ??= Encoding.UTF8.GetString(_value.Span);

    /// <summary>The key's bytes in base64 when they are not valid UTF-8 (Key then shows replacement characters); else null.</summary>
    public string? KeyBase64 => _hasKey && !Utf8.IsValid(_key.Span) ? Convert.ToBase64String(_key.Span) : null;

    /// <summary>The value's bytes in base64 when they are not valid UTF-8; else null.</summary>
    public string? ValueBase64 => Utf8.IsValid(_value.Span) ? null : Convert.ToBase64String(_value.Span);

    [JsonIgnore, Hidden]
    public byte[]? KeyBytes => _hasKey ? _key.ToArray() : null;

    [JsonIgnore, Hidden]
    public byte[] ValueBytes => _value.ToArray();

    public override string ToString() => _hasKey ? $"[{Key}] {Value}" : Value;
}
