using System.Text;
using Fluvio.Client;

namespace Fluvio.Broker.Tests;

/// <summary>Small helpers the broker tests share: text records in, text records out.</summary>
internal static class Records
{
    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public static string Text(ReadOnlyMemory<byte> bytes) => Encoding.UTF8.GetString(bytes.Span);

    /// <summary>Every record of the topic from the beginning to the end seen at the start.</summary>
    public static async Task<List<ConsumerRecord>> ReadAllAsync(FluvioClient client, string topic, ConsumerOptions? options = null)
    {
        var records = new List<ConsumerRecord>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await foreach (var record in client.ConsumeAsync(topic, options ?? new ConsumerOptions(), timeout.Token))
        {
            records.Add(record);
        }
        return records;
    }

    public static string NewTopicName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];
}
