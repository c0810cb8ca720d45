using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fluvio.Storage;

/// <summary>A consumer's committed position in one partition: the next offset it will read.</summary>
public sealed record ConsumerOffset(string Consumer, string Topic, int Partition, long Offset, DateTimeOffset Modified);

/// <summary>
/// Consumer offsets, kept in memory and persisted to <c>consumer-offsets.json</c> in the data
/// directory. Every change rewrites the file atomically (temp file, fsync, rename, fsync
/// directory) before it returns, so a committed offset survives a crash. That costs one fsync
/// per commit: fine for consumers that commit per fetch, not per record.
/// </summary>
public sealed partial class ConsumerOffsetStore
{
    internal const string FileName = "consumer-offsets.json";

    private readonly object _lock = new();
    private readonly Dictionary<(string Consumer, string Topic, int Partition), ConsumerOffset> _offsets = [];
    private readonly string _path;
    private readonly Action<string, int> _checkPartition;

    /// <param name="checkPartition">Throws TopicNotFound / PartitionNotFound for a partition that does not exist.</param>
    internal ConsumerOffsetStore(string dataDirectory, Action<string, int> checkPartition, Action<string>? log)
    {
        _path = Path.Combine(dataDirectory, FileName);
        _checkPartition = checkPartition;
        Load(log);
    }

    /// <summary>Records <paramref name="offset"/> for the consumer and partition, durably.</summary>
    public ConsumerOffset Commit(string consumer, string topic, int partition, long offset)
    {
        CheckConsumer(consumer);
        if (offset < 0)
        {
            throw new StorageException(FluvioErrorCode.InvalidArgument, $"A consumer offset cannot be negative, {offset} given.");
        }
        _checkPartition(topic, partition);
        var entry = new ConsumerOffset(consumer, topic, partition, offset, DateTimeOffset.UtcNow);
        var key = (consumer, topic, partition);
        lock (_lock)
        {
            bool existed = _offsets.TryGetValue(key, out var previous);
            _offsets[key] = entry;
            try
            {
                Save();
            }
            catch
            {
                if (existed)
                {
                    _offsets[key] = previous!;
                }
                else
                {
                    _offsets.Remove(key);
                }
                throw;
            }
        }
        return entry;
    }

    public bool TryGet(string consumer, string topic, int partition, [NotNullWhen(true)] out ConsumerOffset? offset)
    {
        lock (_lock)
        {
            return _offsets.TryGetValue((consumer, topic, partition), out offset);
        }
    }

    /// <summary>Like <see cref="TryGet"/>, but throws <see cref="FluvioErrorCode.ConsumerOffsetNotFound"/>.</summary>
    public ConsumerOffset Get(string consumer, string topic, int partition) =>
        TryGet(consumer, topic, partition, out var offset)
            ? offset
            : throw new StorageException(
                FluvioErrorCode.ConsumerOffsetNotFound,
                $"Consumer '{consumer}' has no committed offset for partition {topic}-{partition}.");

    /// <summary>Offsets matching the filters (null = any), sorted by consumer, topic, partition.</summary>
    public IReadOnlyList<ConsumerOffset> List(string? consumer = null, string? topic = null)
    {
        var result = new List<ConsumerOffset>();
        lock (_lock)
        {
            foreach (var entry in _offsets.Values)
            {
                if ((consumer is null || entry.Consumer == consumer) && (topic is null || entry.Topic == topic))
                {
                    result.Add(entry);
                }
            }
        }
        result.Sort(Compare);
        return result;
    }

    /// <summary>
    /// Deletes the consumer's offsets, optionally only for one topic or one partition of it;
    /// returns what was deleted (empty when nothing matched).
    /// </summary>
    public IReadOnlyList<ConsumerOffset> Delete(string consumer, string? topic = null, int? partition = null)
    {
        CheckConsumer(consumer);
        if (partition is not null && topic is null)
        {
            throw new StorageException(FluvioErrorCode.InvalidArgument, "A partition can only be given together with its topic.");
        }
        return RemoveWhere(e => e.Consumer == consumer && (topic is null || e.Topic == topic) && (partition is null || e.Partition == partition));
    }

    /// <summary>Called when a topic is deleted: its offsets go with it.</summary>
    internal void DeleteTopic(string topic) => RemoveWhere(e => e.Topic == topic);

    private List<ConsumerOffset> RemoveWhere(Func<ConsumerOffset, bool> match)
    {
        var removed = new List<ConsumerOffset>();
        lock (_lock)
        {
            foreach (var entry in _offsets.Values)
            {
                if (match(entry))
                {
                    removed.Add(entry);
                }
            }
            if (removed.Count == 0)
            {
                return removed;
            }
            foreach (var entry in removed)
            {
                _offsets.Remove((entry.Consumer, entry.Topic, entry.Partition));
            }
            try
            {
                Save();
            }
            catch
            {
                foreach (var entry in removed)
                {
                    _offsets[(entry.Consumer, entry.Topic, entry.Partition)] = entry;
                }
                throw;
            }
        }
        removed.Sort(Compare);
        return removed;
    }

    private static void CheckConsumer(string consumer)
    {
        if (string.IsNullOrEmpty(consumer))
        {
            throw new StorageException(FluvioErrorCode.InvalidArgument, "A consumer id must not be empty.");
        }
    }

    private static int Compare(ConsumerOffset a, ConsumerOffset b)
    {
        int c = string.CompareOrdinal(a.Consumer, b.Consumer);
        if (c == 0)
        {
            c = string.CompareOrdinal(a.Topic, b.Topic);
        }
        return c != 0 ? c : a.Partition.CompareTo(b.Partition);
    }

    private void Save()
    {
        var entries = new List<Entry>(_offsets.Count);
        foreach (var e in _offsets.Values)
        {
            entries.Add(new Entry { Consumer = e.Consumer, Topic = e.Topic, Partition = e.Partition, Offset = e.Offset, Modified = e.Modified });
        }
        try
        {
            DurableFile.WriteAtomic(_path, JsonSerializer.SerializeToUtf8Bytes(entries, OffsetsFileJson.Default.ListEntry));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StorageException(FluvioErrorCode.StorageFailure, $"Cannot save consumer offsets to '{_path}': {ex.Message}", ex);
        }
    }

    private void Load(Action<string>? log)
    {
        if (!File.Exists(_path))
        {
            return;
        }
        List<Entry>? entries;
        try
        {
            entries = JsonSerializer.Deserialize(File.ReadAllBytes(_path), OffsetsFileJson.Default.ListEntry);
        }
        catch (IOException ex)
        {
            throw new StorageException(FluvioErrorCode.StorageFailure, $"Cannot read consumer offsets from '{_path}': {ex.Message}", ex);
        }
        catch (JsonException ex)
        {
            // Atomic writes mean this is not a torn write but outside damage: keep the file for
            // inspection rather than refuse to start every partition over it.
            string aside = $"{_path}.corrupt-{DateTime.UtcNow:yyyyMMddHHmmss}";
            File.Move(_path, aside);
            log?.Invoke($"Consumer offsets in '{_path}' are unreadable ({ex.Message}); moved to '{aside}', starting with none.");
            return;
        }
        foreach (var e in entries ?? [])
        {
            if (e.Consumer is { Length: > 0 } && e.Topic is not null)
            {
                _offsets[(e.Consumer, e.Topic, e.Partition)] = new ConsumerOffset(e.Consumer, e.Topic, e.Partition, e.Offset, e.Modified);
            }
        }
    }

    private sealed class Entry
    {
        [JsonPropertyName("consumer")] public string? Consumer { get; set; }
        [JsonPropertyName("topic")] public string? Topic { get; set; }
        [JsonPropertyName("partition")] public int Partition { get; set; }
        [JsonPropertyName("offset")] public long Offset { get; set; }
        [JsonPropertyName("modified")] public DateTimeOffset Modified { get; set; }
    }

    // Source-generated, not reflection: the broker is published trimmed and as Native AOT.
    [JsonSourceGenerationOptions(WriteIndented = true)]
    [JsonSerializable(typeof(List<Entry>))]
    private sealed partial class OffsetsFileJson : JsonSerializerContext;
}
