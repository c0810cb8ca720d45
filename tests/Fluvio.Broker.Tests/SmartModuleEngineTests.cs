using Fluvio.Broker.SmartModules;
using Fluvio.Protocol.Compression;
using Fluvio.Protocol.Records;
using Fluvio.Testing.SmartModules;

namespace Fluvio.Broker.Tests;

/// <summary>The engine without a broker: compile-once caching, and what a chain does with more than one batch.</summary>
public sealed class SmartModuleEngineTests
{
    [Fact]
    public void AModuleIsCompiledOnceWhateverTheStreamsThatRunIt()
    {
        using var engine = new SmartModuleEngine(new SmartModuleLimits(), new SmartModuleStore(null));
        var wasm = TestSmartModules.Wasm(TestSmartModules.Filter);
        for (int i = 0; i < 3; i++)
        {
            using var chain = engine.Start([new SmartModuleRequest(null, wasm, null, new Dictionary<string, string>())], 23);
            Assert.Null(chain.Process(Batch(0, "a"), int.MaxValue).Failure);
        }
        Assert.Equal(1, engine.Compilations);
        using var other = engine.Start([new SmartModuleRequest(null, TestSmartModules.Wasm(TestSmartModules.Map), null, new Dictionary<string, string>())], 23);
        Assert.Equal(2, engine.Compilations);
    }

    [Fact]
    public void MaxBytesCutsAReadBetweenBatchesAndTheRestIsReadNextTime()
    {
        using var engine = new SmartModuleEngine(new SmartModuleLimits(), new SmartModuleStore(null));
        using var chain = engine.Start([new SmartModuleRequest(null, TestSmartModules.Wasm(TestSmartModules.Map), null, new Dictionary<string, string>())], 23);
        byte[] batches = [.. Batch(0, "aaaa", "bbbb").ToArray(), .. Batch(2, "cccc").ToArray()];
        // Room for the first batch's output only: the second waits for the next read.
        var first = chain.Process(batches, 20);
        Assert.Equal(["AAAA@0", "BBBB@1"], Values(first.Batch));
        Assert.Equal(2, first.NextOffset);
        var all = chain.Process(batches, int.MaxValue);
        Assert.Equal(["AAAA@0", "BBBB@1", "CCCC@2"], Values(all.Batch));
        Assert.Equal(3, all.NextOffset);
    }

    [Fact]
    public void TheStreamsStoreIsBoundedByTheMemoryLimit()
    {
        using var engine = new SmartModuleEngine(new SmartModuleLimits { MemoryBytesPerStream = 4 * 65536 }, new SmartModuleStore(null));
        using var chain = engine.Start([new SmartModuleRequest(null, TestSmartModules.Wasm(TestSmartModules.MemoryHog), null, new Dictionary<string, string>())], 23);
        var output = chain.Process(Batch(0, "a"), int.MaxValue);
        Assert.Equal(SmartModuleFaultKind.MemoryLimit, output.Failure?.Kind);
        Assert.Equal(4UL * 65536, output.Failure?.Memory?.Max);
    }

    private static List<string> Values(ReadOnlyMemory<byte> batch) =>
        [.. RecordBatch.ReadRecords(batch).Select(r => $"{Records.Text(r.Value)}@{r.Offset}")];

    private static ReadOnlyMemory<byte> Batch(long baseOffset, params string[] values)
    {
        var builder = new RecordBatchBuilder(CompressionCodec.None, 1_700_000_000_000);
        foreach (var value in values)
        {
            builder.Append(Records.Utf8("k"), Records.Utf8(value), 1_700_000_000_000);
        }
        var batch = builder.Build().ToArray();
        BatchHeader.WriteBaseOffset(batch, baseOffset);
        return batch;
    }
}
