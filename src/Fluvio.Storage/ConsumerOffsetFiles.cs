using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fluvio.Storage;

/// <summary>
/// Where consumer offsets live on disk: one small file per consumer and topic,
/// <c>&lt;data&gt;/consumer-offsets/&lt;topic&gt;/&lt;SHA-256 of the consumer id, hex&gt;.json</c>, holding
/// the id and its offsets in that topic. A commit rewrites only its own file (atomically, fsynced),
/// so its cost does not grow with other consumers. The id is hashed, never used as a path: any
/// id (slashes, dots, 1 KiB long) gives a 64-character file name.
/// </summary>
internal sealed partial class ConsumerOffsetFiles(string dataDirectory, string workRoot, Action<string>? log)
{
    public const string FolderName = "consumer-offsets";

    /// <summary>The single file of all offsets that earlier versions rewrote on every commit.</summary>
    public const string LegacyFileName = "consumer-offsets.json";

    private const int CurrentFormat = 1;

    private readonly string _root = Path.Combine(dataDirectory, FolderName);

    /// <summary>Rewrites the consumer's file in the topic with <paramref name="offsets"/>, or deletes it when empty.</summary>
    public void Write(string topic, string consumer, IReadOnlyCollection<ConsumerOffset> offsets)
    {
        string folder = Path.Combine(_root, topic);
        string path = Path.Combine(folder, FileName(consumer));
        try
        {
            if (offsets.Count == 0)
            {
                File.Delete(path);
                DurableFile.SyncDirectory(folder);
                return;
            }
            if (!Directory.Exists(folder))
            {
                Directory.CreateDirectory(folder);
                DurableFile.SyncDirectory(_root);
                DurableFile.SyncDirectory(dataDirectory);
            }
            var file = new Dto { Format = CurrentFormat, Consumer = consumer, Topic = topic, Partitions = [] };
            foreach (var offset in offsets)
            {
                file.Partitions.Add(new PartitionDto { Partition = offset.Partition, Offset = offset.Offset, Modified = offset.Modified });
            }
            DurableFile.WriteAtomic(path, JsonSerializer.SerializeToUtf8Bytes(file, OffsetFileJson.Default.Dto));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StorageException(FluvioErrorCode.StorageFailure, $"Cannot save the offsets of a consumer of topic '{topic}' to '{path}': {ex.Message}", ex);
        }
    }

    /// <summary>Removes every offset file of a topic (renamed into the work folder first, so atomically).</summary>
    public void DeleteTopic(string topic)
    {
        string folder = Path.Combine(_root, topic);
        if (Directory.Exists(folder))
        {
            TopicDirectory.Remove(folder, _root, workRoot, log);
        }
    }

    /// <summary>Every stored offset: the files of this layout, after migrating a legacy file into them.</summary>
    public List<ConsumerOffset> ReadAll()
    {
        Directory.CreateDirectory(_root);
        MigrateLegacy();
        var result = new List<ConsumerOffset>();
        foreach (string folder in Directory.EnumerateDirectories(_root))
        {
            foreach (string path in Directory.EnumerateFiles(folder))
            {
                if (path.EndsWith(DurableFile.TempSuffix, StringComparison.Ordinal))
                {
                    File.Delete(path); // a write a crash interrupted; the file it replaced still holds the old offsets
                    continue;
                }
                ReadFile(path, result);
            }
        }
        return result;
    }

    private void ReadFile(string path, List<ConsumerOffset> into)
    {
        Dto? file;
        try
        {
            file = JsonSerializer.Deserialize(File.ReadAllBytes(path), OffsetFileJson.Default.Dto);
        }
        catch (JsonException ex)
        {
            // Atomic writes mean this is outside damage: keep it for inspection, lose only this consumer's offsets.
            string aside = $"{path}.corrupt";
            File.Move(path, aside, overwrite: true);
            log?.Invoke($"Consumer offsets in '{path}' are unreadable ({ex.Message}); moved to '{aside}'.");
            return;
        }
        if (file is not { Format: CurrentFormat, Consumer.Length: > 0, Topic: not null, Partitions: not null })
        {
            log?.Invoke($"Ignoring '{path}': not a consumer offset file of format {CurrentFormat}.");
            return;
        }
        foreach (var p in file.Partitions)
        {
            into.Add(new ConsumerOffset(file.Consumer, file.Topic, p.Partition, p.Offset, p.Modified));
        }
    }

    /// <summary>
    /// Writes the legacy file's offsets into per-consumer files, then deletes it. A crash before the
    /// delete only repeats the migration, which writes the same files again.
    /// </summary>
    private void MigrateLegacy()
    {
        string legacy = Path.Combine(dataDirectory, LegacyFileName);
        if (!File.Exists(legacy) || LegacyConsumerOffsets.Read(legacy, log) is not { } offsets)
        {
            return;
        }
        foreach (var group in offsets.GroupBy(o => (o.Topic, o.Consumer)))
        {
            if (TopicName.IsValid(group.Key.Topic))
            {
                Write(group.Key.Topic, group.Key.Consumer, group.ToList());
            }
        }
        File.Delete(legacy);
        DurableFile.SyncDirectory(dataDirectory);
        log?.Invoke($"Migrated {offsets.Count} consumer offsets from '{legacy}' to one file per consumer in '{_root}'.");
    }

    private static string FileName(string consumer) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(consumer))).ToLowerInvariant() + ".json";

    private sealed class Dto
    {
        [JsonPropertyName("format")] public int Format { get; set; }
        [JsonPropertyName("consumer")] public string? Consumer { get; set; }
        [JsonPropertyName("topic")] public string? Topic { get; set; }
        [JsonPropertyName("partitions")] public List<PartitionDto>? Partitions { get; set; }
    }

    private sealed class PartitionDto
    {
        [JsonPropertyName("partition")] public int Partition { get; set; }
        [JsonPropertyName("offset")] public long Offset { get; set; }
        [JsonPropertyName("modified")] public DateTimeOffset Modified { get; set; }
    }

    // Source-generated, not reflection: the broker is published trimmed and as Native AOT.
    [JsonSerializable(typeof(Dto))]
    private sealed partial class OffsetFileJson : JsonSerializerContext;
}
