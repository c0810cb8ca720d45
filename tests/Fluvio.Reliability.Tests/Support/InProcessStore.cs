using System.Collections.Concurrent;
using Fluvio.Protocol.Compression;
using Fluvio.Protocol.Records;
using Fluvio.Storage;

namespace Fluvio.Reliability.Tests;

/// <summary>
/// The storage in this process, for the faults only its internal hooks can inject (a failing
/// fsync). Real files in a temp directory; the diagnostics it logs are kept for assertions.
/// </summary>
internal sealed class InProcessStore : IAsyncDisposable
{
    private InProcessStore(string directory, FlushMode mode)
    {
        Directory = directory;
        Options = new StorageOptions { FlushMode = mode, FlushInterval = TimeSpan.FromHours(1), Log = Lines.Enqueue };
        Store = LogStore.Open(directory, Options);
    }

    public string Directory { get; }

    public StorageOptions Options { get; }

    public LogStore Store { get; private set; }

    public ConcurrentQueue<string> Lines { get; } = new();

    public static InProcessStore Open(FlushMode mode = FlushMode.Fsync) =>
        new(System.IO.Directory.CreateTempSubdirectory("fluvio-reliability-store-").FullName, mode);

    public PartitionLog CreateTopic(string name, int partitions = 1)
    {
        Store.CreateTopic(TopicConfig.Defaults with { Name = name, Partitions = partitions });
        return Store.GetPartition(name, 0);
    }

    /// <summary>Stops like a crash (no clean marker) and opens the directory again.</summary>
    public void CrashAndReopen()
    {
        Store.Abandon();
        Store = LogStore.Open(Directory, Options);
    }

    /// <summary>One batch of stamped records.</summary>
    public static ReadOnlyMemory<byte> Batch(int producer, long firstSequence, int count)
    {
        var builder = new RecordBatchBuilder(CompressionCodec.None, 1_700_000_000_000);
        for (int i = 0; i < count; i++)
        {
            builder.AppendKeyless(new Stamp(producer, firstSequence + i).Encode(16), 1_700_000_000_000);
        }
        return builder.Build();
    }

    /// <summary>The stamps of everything the partition serves, by reading it through the storage API.</summary>
    public static List<Stamp> ReadAll(PartitionLog log)
    {
        var stamps = new List<Stamp>();
        long offset = log.LogStartOffset;
        while (offset < log.EndOffset)
        {
            foreach (var batch in RecordBatch.Split(log.Read(offset, 1 << 20)))
            {
                foreach (var record in RecordBatch.ReadRecords(batch))
                {
                    stamps.Add(Stamp.Decode(record.Value.Span) ?? throw new InvalidDataException($"damaged value at {record.Offset}"));
                    offset = record.Offset + 1;
                }
            }
        }
        return stamps;
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        TempData.Delete(Directory);
    }
}
