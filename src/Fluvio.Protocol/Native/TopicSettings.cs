namespace Fluvio.Protocol.Native;

/// <summary>
/// The topic-level compression setting on the native wire (u8, wire protocol §4.8.1): the one
/// mapping between its tags and <see cref="TopicCompression"/>. Not the batch attribute codes.
/// </summary>
public static class NativeCompression
{
    public static TopicCompression Read(WireReader reader) => reader.U8() switch
    {
        0 => TopicCompression.None,
        1 => TopicCompression.Gzip,
        2 => TopicCompression.Snappy,
        3 => TopicCompression.Lz4,
        4 => TopicCompression.Any,
        5 => TopicCompression.Zstd,
        var tag => throw new WireFormatException($"Unknown compression algorithm {tag}."),
    };

    public static void Write(WireWriter writer, TopicCompression compression) => writer.U8(compression switch
    {
        TopicCompression.None => 0,
        TopicCompression.Gzip => 1,
        TopicCompression.Snappy => 2,
        TopicCompression.Lz4 => 3,
        TopicCompression.Zstd => 5,
        _ => 4,
    });
}

/// <summary>CleanupPolicy: its only variant, tag 0 Segment{time_in_seconds}.</summary>
public sealed record CleanupPolicy(uint TimeInSeconds) : IWireCodec<CleanupPolicy>
{
    public static CleanupPolicy Decode(WireReader reader, short version) =>
        reader.U8() is 0 ? new(reader.U32()) : throw new WireFormatException("Unknown CleanupPolicy tag.");

    public void Encode(WireWriter writer, short version)
    {
        writer.U8(0);
        writer.U32(TimeInSeconds);
    }
}

/// <summary>TopicStorageConfig: optional segment size and max partition size, in bytes.</summary>
public sealed record TopicStorageConfig(uint? SegmentSize, ulong? MaxPartitionSize) : IWireCodec<TopicStorageConfig>
{
    public static TopicStorageConfig Decode(WireReader reader, short version) =>
        new(reader.Present() ? reader.U32() : null, reader.Present() ? reader.U64() : null);

    public void Encode(WireWriter writer, short version)
    {
        writer.Bool(SegmentSize is not null);
        if (SegmentSize is { } segment)
        {
            writer.U32(segment);
        }
        writer.Bool(MaxPartitionSize is not null);
        if (MaxPartitionSize is { } max)
        {
            writer.U64(max);
        }
    }
}

/// <summary>
/// Deduplication: bounds {count, age: Option&lt;Duration&gt;} and the filter SmartModule
/// {uses, with: BTreeMap&lt;String, String&gt;}.
/// </summary>
public sealed record Deduplication(ulong Count, (ulong Seconds, uint Nanoseconds)? Age, string Uses, IReadOnlyList<KeyValuePair<string, string>> With)
    : IWireCodec<Deduplication>
{
    public static Deduplication Decode(WireReader reader, short version)
    {
        ulong count = reader.U64();
        (ulong, uint)? age = reader.Present() ? reader.Duration() : null;
        string uses = reader.String();
        int entries = reader.MapCount();
        var with = new List<KeyValuePair<string, string>>(entries);
        for (int i = 0; i < entries; i++)
        {
            with.Add(new(reader.String(), reader.String()));
        }
        return new Deduplication(count, age, uses, with);
    }

    public void Encode(WireWriter writer, short version)
    {
        writer.U64(Count);
        writer.Bool(Age is not null);
        if (Age is { } age)
        {
            writer.Duration(age.Seconds, age.Nanoseconds);
        }
        writer.String(Uses);
        writer.U16(checked((ushort)With.Count));
        foreach (var (key, value) in With)
        {
            writer.String(key);
            writer.String(value);
        }
    }
}

/// <summary>Reads and writes the optional parts of specs, which all share one layout: a flag, then the value.</summary>
internal static class Optional
{
    public static T? Read<T>(WireReader reader, short version) where T : class, IWireCodec<T> =>
        reader.Present() ? T.Decode(reader, version) : null;

    public static void Write<T>(WireWriter writer, T? value, short version) where T : class, IWireCodec<T>
    {
        writer.Bool(value is not null);
        value?.Encode(writer, version);
    }
}
