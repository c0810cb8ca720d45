using BenchmarkDotNet.Attributes;
using Fluvio.Protocol.Records;

namespace Fluvio.Bench.Micro;

/// <summary>
/// The other side of the encoder, on the same 100 × 100 B batch: the broker's check of an
/// incoming batch (header and CRC-32C), and a consumer walking every record of it.
/// </summary>
[MemoryDiagnoser]
public class BatchDecodeBenchmarks
{
    private readonly byte[] _batch = Samples.Batch(100, 100);

    [Benchmark]
    public bool Validate100x100B() => RecordBatch.TryValidate(_batch, out _, out _);

    [Benchmark]
    public long Iterate100x100B()
    {
        // Touch what a consumer reads (offset, value) so nothing is optimised away.
        long sum = 0;
        foreach (var record in RecordBatch.ReadRecords(_batch))
        {
            sum += record.Offset + record.Value.Length;
        }
        return sum;
    }
}
