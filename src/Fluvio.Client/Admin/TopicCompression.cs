namespace Fluvio.Client;

/// <summary>A topic's compression rule: <see cref="Any"/> lets each producer choose; the others fix the codec.</summary>
public enum TopicCompression
{
    Any,
    None,
    Gzip,
    Snappy,
    Lz4,
    Zstd,
}
