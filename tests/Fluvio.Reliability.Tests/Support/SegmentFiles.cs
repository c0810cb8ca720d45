using Fluvio.Protocol.Records;

namespace Fluvio.Reliability.Tests;

/// <summary>Where a partition's files are in a data directory, and the batches inside a segment file.</summary>
internal static class SegmentFiles
{
    public static string PartitionDirectory(string data, string topic, int partition) =>
        Path.Combine(data, "topics", topic, partition.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The partition's .log files, oldest first (names are zero-padded base offsets).</summary>
    public static string[] Logs(string data, string topic, int partition) =>
        [.. Directory.GetFiles(PartitionDirectory(data, topic, partition), "*.log").Order(StringComparer.Ordinal)];

    public static string[] Indexes(string data, string topic, int partition) =>
        [.. Directory.GetFiles(PartitionDirectory(data, topic, partition), "*.index").Order(StringComparer.Ordinal)];

    /// <summary>(position, size, header) of each whole batch of a segment file's bytes.</summary>
    public static List<(int Position, int Size, BatchHeader Header)> Batches(byte[] segment)
    {
        var batches = new List<(int, int, BatchHeader)>();
        int position = 0;
        while (BatchHeader.TryRead(segment.AsSpan(position), out var header)
            && header.BatchLength >= BatchLayout.HeaderSize
            && position + header.TotalSize <= segment.Length)
        {
            batches.Add((position, (int)header.TotalSize, header));
            position += (int)header.TotalSize;
        }
        return batches;
    }
}
