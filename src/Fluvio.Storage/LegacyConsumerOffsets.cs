using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fluvio.Storage;

/// <summary>
/// Reads <c>consumer-offsets.json</c>, the one file of every consumer's offsets that earlier
/// versions rewrote on each commit, so <see cref="ConsumerOffsetFiles"/> can migrate it.
/// </summary>
internal static partial class LegacyConsumerOffsets
{
    /// <summary>The offsets in the file; null (the file moved aside and logged) when it is unreadable.</summary>
    public static List<ConsumerOffset>? Read(string path, Action<string>? log)
    {
        List<Entry>? entries;
        try
        {
            entries = JsonSerializer.Deserialize(File.ReadAllBytes(path), LegacyFileJson.Default.ListEntry);
        }
        catch (IOException ex)
        {
            throw new StorageException(FluvioErrorCode.StorageFailure, $"Cannot read consumer offsets from '{path}': {ex.Message}", ex);
        }
        catch (JsonException ex)
        {
            // It was written atomically, so this is outside damage: keep it for inspection rather
            // than refuse to start over it.
            string aside = $"{path}.corrupt-{DateTime.UtcNow:yyyyMMddHHmmss}";
            File.Move(path, aside);
            log?.Invoke($"Consumer offsets in '{path}' are unreadable ({ex.Message}); moved to '{aside}', starting with none.");
            return null;
        }
        var offsets = new List<ConsumerOffset>();
        foreach (var e in entries ?? [])
        {
            if (e.Consumer is { Length: > 0 } && e.Topic is not null)
            {
                offsets.Add(new ConsumerOffset(e.Consumer, e.Topic, e.Partition, e.Offset, e.Modified));
            }
        }
        return offsets;
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
    [JsonSerializable(typeof(List<Entry>))]
    private sealed partial class LegacyFileJson : JsonSerializerContext;
}
