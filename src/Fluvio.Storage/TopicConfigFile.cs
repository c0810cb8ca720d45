using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fluvio.Storage;

/// <summary>
/// Reads and writes <c>topic.json</c>. A separate shape from <see cref="TopicConfig"/> so the file
/// format (plain numbers, snake_case, a version) does not change when the record does.
/// </summary>
internal static partial class TopicConfigFile
{
    public const string FileName = "topic.json";
    private const int CurrentFormat = 1;

    public static void Write(string topicDirectory, TopicConfig config)
    {
        var file = new Dto
        {
            Format = CurrentFormat,
            Name = config.Name,
            Partitions = config.Partitions,
            ReplicationFactor = config.ReplicationFactor,
            RetentionMs = (long)config.Retention.TotalMilliseconds,
            SegmentSize = config.SegmentSize,
            MaxPartitionSize = config.MaxPartitionSize,
            Compression = config.Compression,
            CreatedAt = config.CreatedAt,
        };
        DurableFile.WriteAtomic(Path.Combine(topicDirectory, FileName), JsonSerializer.SerializeToUtf8Bytes(file, TopicFileJson.Default.Dto));
    }

    /// <summary>Reads the config; throws <see cref="FluvioErrorCode.StorageFailure"/> when missing or unreadable.</summary>
    public static TopicConfig Read(string topicDirectory)
    {
        string path = Path.Combine(topicDirectory, FileName);
        Dto? file;
        try
        {
            file = JsonSerializer.Deserialize(File.ReadAllBytes(path), TopicFileJson.Default.Dto);
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
        {
            throw new StorageException(FluvioErrorCode.StorageFailure, $"Cannot read '{path}': {ex.Message}", ex);
        }
        if (file is null || file.Format != CurrentFormat || file.Name is null)
        {
            throw new StorageException(FluvioErrorCode.StorageFailure, $"'{path}' is not a topic config of format {CurrentFormat}.");
        }
        if (file.RetentionMs < 1 || file.RetentionMs > (long)TimeSpan.MaxValue.TotalMilliseconds)
        {
            throw new StorageException(FluvioErrorCode.StorageFailure, $"'{path}' has a retention_ms out of range: {file.RetentionMs}.");
        }
        return new TopicConfig(
            file.Name,
            file.Partitions,
            file.ReplicationFactor,
            TimeSpan.FromMilliseconds(file.RetentionMs),
            file.SegmentSize,
            file.MaxPartitionSize,
            file.Compression,
            file.CreatedAt);
    }

    private sealed class Dto
    {
        [JsonPropertyName("format")] public int Format { get; set; }
        [JsonPropertyName("name")] public string? Name { get; set; }
        [JsonPropertyName("partitions")] public int Partitions { get; set; }
        [JsonPropertyName("replication_factor")] public int ReplicationFactor { get; set; }
        [JsonPropertyName("retention_ms")] public long RetentionMs { get; set; }
        [JsonPropertyName("segment_size")] public long SegmentSize { get; set; }
        [JsonPropertyName("max_partition_size")] public long MaxPartitionSize { get; set; }
        [JsonPropertyName("compression")] public TopicCompression Compression { get; set; }
        [JsonPropertyName("created_at")] public DateTimeOffset CreatedAt { get; set; }
    }

    // Source-generated, not reflection: the broker is published trimmed and as Native AOT.
    [JsonSourceGenerationOptions(WriteIndented = true, UseStringEnumConverter = true)]
    [JsonSerializable(typeof(Dto))]
    private sealed partial class TopicFileJson : JsonSerializerContext;
}
