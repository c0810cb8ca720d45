using Fluvio.Protocol.Compression;

namespace Fluvio;

/// <summary>
/// A topic's compression rule (Fluvio's topic-level setting): <see cref="Any"/> lets each producer
/// choose; the others fix the codec of every batch. Not the batch attribute (<see cref="CompressionCodec"/>).
/// </summary>
public enum TopicCompression
{
    Any,
    None,
    Gzip,
    Snappy,
    Lz4,
    Zstd,
}

/// <summary>What a topic's compression rule means for the batches sent to it.</summary>
public static class TopicCompressionRule
{
    /// <summary>The codec the topic imposes, or null when producers choose.</summary>
    public static CompressionCodec? FixedCodec(this TopicCompression compression) => compression switch
    {
        TopicCompression.None => CompressionCodec.None,
        TopicCompression.Gzip => CompressionCodec.Gzip,
        TopicCompression.Snappy => CompressionCodec.Snappy,
        TopicCompression.Lz4 => CompressionCodec.Lz4,
        TopicCompression.Zstd => CompressionCodec.Zstd,
        _ => null,
    };

    /// <summary>Whether a batch compressed with <paramref name="codec"/> may be stored in the topic.</summary>
    public static bool Accepts(this TopicCompression compression, CompressionCodec codec) =>
        compression.FixedCodec() is not { } required || required == codec;
}
