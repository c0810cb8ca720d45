using BenchmarkDotNet.Attributes;
using Fluvio.Client;

namespace Fluvio.Bench.Micro;

/// <summary>
/// The key partitioner (SipHash-2-4 over the length prefix and the key, modulo the partitions),
/// run once per keyed record. A short key like an id, and a long one like a URL or a JSON key.
/// </summary>
[MemoryDiagnoser]
public class PartitionerBenchmarks
{
    private byte[] _key = [];

    [Params(16, 256)]
    public int KeyBytes { get; set; }

    [GlobalSetup]
    public void Setup() => _key = Samples.Value(42, KeyBytes);

    [Benchmark]
    public int PartitionForKey() => Partitioner.PartitionForKey(_key, 3);
}
