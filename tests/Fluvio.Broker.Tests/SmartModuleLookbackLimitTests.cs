using Fluvio.Broker.SmartModules;
using Fluvio.Protocol.Compression;
using Fluvio.Protocol.Native;
using Fluvio.Protocol.Records;
using Fluvio.Storage;
using Fluvio.Testing.SmartModules;

namespace Fluvio.Broker.Tests;

/// <summary>
/// The lookback's limits, on a partition of real files and the engine in this process (where
/// the limits can be made small): whatever last or age asks for, one module's lookback reads at
/// most <see cref="SmartModuleLimits.LookbackMaxBytes"/> of stored batches, the newest, and
/// hands them to look_back in chunks of about <see cref="SmartModuleLimits.LookbackChunkBytes"/>.
/// </summary>
public sealed class SmartModuleLookbackLimitTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("fluvio-lookback-").FullName;
    private LogStore _store = null!;
    private PartitionLog _log = null!;

    public async Task InitializeAsync()
    {
        _store = LogStore.Open(_directory, new StorageOptions());
        _store.CreateTopic(TopicConfig.Defaults with { Name = "numbers" });
        _log = _store.GetPartition("numbers", 0);
        // 40 batches of one record each: 1 to 40.
        for (int i = 1; i <= 40; i++)
        {
            await _log.AppendAsync(Batch(i.ToString()));
        }
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    public static TheoryData<ulong, long?> HugeLookbacks => new()
    {
        { (ulong)long.MaxValue, null },
        { 0, TimeSpan.MaxValue.Ticks },
        { (ulong)long.MaxValue, TimeSpan.FromDays(3650).Ticks },
    };

    [Theory]
    [MemberData(nameof(HugeLookbacks))]
    public void AHugeLookbackReadsOnlyTheNewestBatchesWithinTheLimitInChunks(ulong last, long? ageTicks)
    {
        long batchBytes = Batch("40").Length; // every batch from 10 on
        var limits = new SmartModuleLimits { LookbackMaxBytes = 10 * batchBytes + batchBytes / 2, LookbackChunkBytes = 25 };
        using var engine = new SmartModuleEngine(limits, new SmartModuleStore(null));
        var lookback = new SmartModuleLookback(last, ageTicks is { } t ? TimeSpan.FromTicks(t) : null);
        using var chain = engine.Start([Request(lookback)], 23, _log);

        var read = Assert.Single(chain.LookbackReads);
        // The newest ten batches, offsets 30 to 39, and no more.
        Assert.Equal(10, read.Records);
        Assert.Equal(30, read.FirstOffset);
        Assert.Equal(10 * batchBytes, read.StoredBytes);
        // In chunks: more than one look_back call, each of about 25 bytes of records.
        Assert.InRange(read.Calls, 2, 10);

        // look_back saw 40 last: the filter keeps only what rises above it.
        var output = chain.Process(Batch("39", "41"), int.MaxValue);
        Assert.Null(output.Failure);
        Assert.Equal(["41"], RecordBatch.ReadRecords(output.Batch).Select(r => Records.Text(r.Value)));
    }

    [Fact]
    public void AllTheChunksOfALookbackShareOneCallsFuel()
    {
        // Every call alone fits in the budget; all of them together do not.
        var limits = new SmartModuleLimits { LookbackChunkBytes = 1, FuelPerCall = 20_000 };
        using var engine = new SmartModuleEngine(limits, new SmartModuleStore(null));
        var failure = Assert.Throws<SmartModuleException>(() => engine.Start([Request(new SmartModuleLookback(40, null))], 23, _log));
        Assert.Equal(SmartModuleFaultKind.LookBack, failure.Kind);
        Assert.Contains("used up its fuel", failure.Message);

        using var one = engine.Start([Request(new SmartModuleLookback(1, null))], 23, _log);
        Assert.Equal(1, Assert.Single(one.LookbackReads).Records);
    }

    [Fact]
    public void TheStoresMemoryLimitStopsALookBackAsALookbackError()
    {
        using var engine = new SmartModuleEngine(new SmartModuleLimits { MemoryBytesPerStream = 4 * 65536 }, new SmartModuleStore(null));
        var request = new SmartModuleRequest(null, TestSmartModules.Wasm(TestSmartModules.LookbackMemoryHog), null, new Dictionary<string, string>(), new SmartModuleLookback(1, null));
        var failure = Assert.Throws<SmartModuleException>(() => engine.Start([request], 23, _log));
        Assert.Equal(SmartModuleFaultKind.LookBack, failure.Kind);
        Assert.Contains("ran out of memory", failure.Message);
    }

    [Fact]
    public void ALookbackWithoutAPartitionIsRefusedNotDropped()
    {
        using var engine = new SmartModuleEngine(new SmartModuleLimits(), new SmartModuleStore(null));
        var failure = Assert.Throws<SmartModuleException>(() => engine.Start([Request(new SmartModuleLookback(1, null))], 23));
        Assert.Equal(SmartModuleFaultKind.LookBack, failure.Kind);
    }

    private static SmartModuleRequest Request(SmartModuleLookback lookback) =>
        new(null, TestSmartModules.Wasm(TestSmartModules.FilterLookback), null, new Dictionary<string, string>(), lookback);

    private static byte[] Batch(params string[] values)
    {
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var builder = new RecordBatchBuilder(CompressionCodec.None, now);
        foreach (var value in values)
        {
            builder.Append(Records.Utf8("k"), Records.Utf8(value), now);
        }
        return builder.Build().ToArray();
    }
}
