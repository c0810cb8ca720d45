using BenchmarkDotNet.Attributes;
using Fluvio.Client;

namespace Fluvio.Bench.Micro;

/// <summary>
/// The consumer's decode of one gRPC response (64 KiB of stored batches of 100 B records, the
/// most the gRPC consumer asks for): into structs, as ConsumeBatchesAsync hands them out, against
/// the same plus a <see cref="ConsumerRecord"/> per record, as ConsumeAsync yields them.
/// </summary>
[MemoryDiagnoser]
public class ConsumerDecodeBenchmarks
{
    private readonly byte[] _response = Samples.Batches(64 * 1024, recordsPerBatch: 100);

    [Benchmark(Baseline = true)]
    public long ConsumerRecords()
    {
        long sum = 0;
        var window = Window();
        foreach (var r in PartitionReader.Decode("events", 0, _response, window))
        {
            var record = new ConsumerRecord("events", 0, r.Offset, r.Timestamp, r.HasKey, r.Key, r.Value);
            sum += record.Offset + record.Value.Length;
        }
        return sum;
    }

    [Benchmark]
    public long Batch()
    {
        long sum = 0;
        var records = PartitionReader.Decode("events", 0, _response, Window());
        for (int i = 0; i < records.Count; i++)
        {
            sum += records[i].Offset + records[i].Value.Length;
        }
        return sum;
    }

    private static PartitionReader.Window Window()
    {
        var window = new PartitionReader.Window(endOffset: null);
        window.Begin(new ConsumedChunk(0, -1, long.MaxValue, 0, ReadOnlyMemory<byte>.Empty));
        return window;
    }
}
