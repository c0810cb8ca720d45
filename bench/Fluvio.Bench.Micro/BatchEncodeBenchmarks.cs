using BenchmarkDotNet.Attributes;
using Fluvio.Protocol.Compression;
using Fluvio.Protocol.Records;

namespace Fluvio.Bench.Micro;

/// <summary>
/// The producer's per-record work once a record has a partition: 100 keyless records of 100 B
/// appended to a batch, which is then finished (header, CRC-32C). Per batch, so ÷100 per record.
/// </summary>
[MemoryDiagnoser]
public class BatchEncodeBenchmarks
{
    private const int Records = 100;
    private readonly byte[][] _values = Enumerable.Range(0, Records).Select(i => Samples.Value(i, 100)).ToArray();

    [Benchmark]
    public int Encode100x100B()
    {
        // The builder's default capacity, as the producer uses it.
        var builder = new RecordBatchBuilder(CompressionCodec.None, Samples.Timestamp);
        for (int i = 0; i < _values.Length; i++)
        {
            builder.AppendKeyless(_values[i], Samples.Timestamp + i);
        }
        return builder.Build().Length;
    }
}
