using Fluvio.Client;
using Fluvio.Testing.SmartModules;

namespace Fluvio.Broker.Tests;

/// <summary>
/// SmartModules on the local cluster, through both doors (gRPC and native StreamFetch), with the
/// WebAssembly-text modules of <see cref="TestSmartModules"/>: each kind gives exactly the records
/// the ABI defines, and a module that loops, reads out of bounds or eats its memory ends only its
/// own stream, with an error that says so.
/// </summary>
public sealed class SmartModuleTests(BrokerFixture broker) : IClassFixture<BrokerFixture>
{
    // Two batches, so offsets across batches are checked too.
    private static readonly (string Key, string Value)[] FirstBatch = [("k1", "apple"), ("k2", "plum"), ("k1", "#kiwi")];
    private static readonly (string Key, string Value)[] SecondBatch = [("k2", "banana"), ("k1", "x,y"), ("k2", "#a")];

    public static TheoryData<string> Doors => SmartModuleDoors.Doors;

    [Theory]
    [MemberData(nameof(Doors))]
    public async Task FilterKeepsTheRecordsWhoseValueHasAnA(string door)
    {
        var records = await ReadAsync(door, await FruitTopicAsync(), Module(TestSmartModules.Filter));
        Assert.Equal(["k1:apple@0", "k2:banana@3", "k2:#a@5"], records);
    }

    [Theory]
    [MemberData(nameof(Doors))]
    public async Task MapUpperCasesEveryValueAndKeepsKeysAndOffsets(string door)
    {
        var records = await ReadAsync(door, await FruitTopicAsync(), Module(TestSmartModules.Map));
        Assert.Equal(["k1:APPLE@0", "k2:PLUM@1", "k1:#KIWI@2", "k2:BANANA@3", "k1:X,Y@4", "k2:#A@5"], records);
    }

    [Theory]
    [MemberData(nameof(Doors))]
    public async Task FilterMapKeepsTheHashTaggedRecordsWithoutTheirTag(string door)
    {
        var records = await ReadAsync(door, await FruitTopicAsync(), Module(TestSmartModules.FilterMap));
        Assert.Equal(["k1:kiwi@2", "k2:a@5"], records);
    }

    [Theory]
    [MemberData(nameof(Doors))]
    public async Task ArrayMapSplitsValuesIntoKeylessRecordsAtTheirBatchesBaseOffset(string door)
    {
        // The derive's array_map makes each output with Record::new_key_value: offset delta 0, no key.
        var records = await ReadAsync(door, await FruitTopicAsync(), Module(TestSmartModules.ArrayMap));
        Assert.Equal(["-:apple@0", "-:plum@0", "-:#kiwi@0", "-:banana@3", "-:x@3", "-:y@3", "-:#a@3"], records);
    }

    [Theory]
    [MemberData(nameof(Doors))]
    public async Task AggregateGivesTheRunningTotalFromTheInitialAccumulator(string door)
    {
        string topic = await TopicAsync(["1", "2", "3"], ["4"]);
        var records = await ReadAsync(door, topic, Module(TestSmartModules.Aggregate) with { AggregateInitial = "10" });
        Assert.Equal(["k:11@0", "k:13@1", "k:16@2", "k:20@3"], records);
        // Without an initial accumulator it starts empty (zero here).
        Assert.Equal(["k:1@0", "k:3@1", "k:6@2", "k:10@3"], await ReadAsync(door, topic, Module(TestSmartModules.Aggregate)));
    }

    [Theory]
    [MemberData(nameof(Doors))]
    public async Task ParametersReachInitAndAMissingOneIsInitsOwnError(string door)
    {
        string topic = await FruitTopicAsync();
        var byKey = Module(TestSmartModules.FilterByKey) with { Parameters = new Dictionary<string, string> { ["key"] = "k2" } };
        Assert.Equal(["k2:plum@1", "k2:banana@3", "k2:#a@5"], await ReadAsync(door, topic, byKey));

        var refused = await Assert.ThrowsAsync<FluvioException>(() => ReadAsync(door, topic, Module(TestSmartModules.FilterByKey)));
        Assert.Equal(FluvioErrorCode.SmartModuleFailed, refused.Code);
        Assert.Contains("Missing param key", refused.Message);
    }

    [Theory]
    [MemberData(nameof(Doors))]
    public async Task AChainFeedsEachModulesOutputToTheNext(string door)
    {
        var records = await ReadAsync(door, await FruitTopicAsync(), Module(TestSmartModules.FilterMap), Module(TestSmartModules.Map));
        Assert.Equal(["k1:KIWI@2", "k2:A@5"], records);
    }

    [Theory]
    [MemberData(nameof(Doors))]
    public async Task AnErrorRecordTheModuleReturnsEndsTheStreamAfterTheRecordsBeforeIt(string door)
    {
        string topic = await TopicAsync(["one", "two"], ["boom", "after"]);
        await using var client = await ConnectAsync(door);
        var seen = new List<string>();
        var failed = await Assert.ThrowsAsync<FluvioException>(async () =>
        {
            await foreach (var r in client.ConsumeAsync(topic, Options(Module(TestSmartModules.FailsOnBoom)), Timeout()))
            {
                seen.Add(Records.Text(r.Value));
            }
        });
        Assert.Equal(["one", "two"], seen);
        Assert.Equal(FluvioErrorCode.SmartModuleFailed, failed.Code);
        Assert.Contains("value was boom", failed.Message);
    }

    [Theory]
    [InlineData("grpc", nameof(TestSmartModules.EndlessLoop), "used up its fuel")]
    [InlineData("native", nameof(TestSmartModules.EndlessLoop), "used up its fuel")]
    [InlineData("grpc", nameof(TestSmartModules.OutOfBounds), "out of bounds memory access")]
    [InlineData("native", nameof(TestSmartModules.OutOfBounds), "out of bounds memory access")]
    [InlineData("grpc", nameof(TestSmartModules.MemoryHog), "ran out of memory")]
    [InlineData("native", nameof(TestSmartModules.MemoryHog), "memory")]
    public async Task AHostileModuleEndsOnlyItsOwnStream(string door, string module, string message)
    {
        string topic = await FruitTopicAsync();
        await using var client = await ConnectAsync(door);
        // A continuous reader with a good module, open before and after the hostile one fails.
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var others = client.ConsumeAsync(topic, Options(Module(TestSmartModules.Map)) with { Continuous = true }, stop.Token).GetAsyncEnumerator();
        Assert.True(await others.MoveNextAsync());
        Assert.Equal("APPLE", Records.Text(others.Current.Value));

        var hostile = (string)typeof(TestSmartModules).GetProperty(module)!.GetValue(null)!;
        var failed = await Assert.ThrowsAsync<FluvioException>(() => ReadAsync(door, topic, Module(hostile)));
        Assert.Equal(FluvioErrorCode.SmartModuleFailed, failed.Code);
        Assert.Contains(message, failed.Message);

        // The other stream goes on, and sees what is produced after the failure.
        await ProduceAsync(topic, [("k3", "late")]);
        var rest = new List<string>();
        while (rest.Count < 6 && await others.MoveNextAsync())
        {
            rest.Add(Records.Text(others.Current.Value));
        }
        Assert.Equal(["PLUM", "#KIWI", "BANANA", "X,Y", "#A", "LATE"], rest);
        await stop.CancelAsync();
        await others.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(Doors))]
    public async Task BadModulesAreRefusedWithTheirReason(string door)
    {
        string topic = await FruitTopicAsync();
        var missing = await Assert.ThrowsAsync<FluvioException>(() => ReadAsync(door, topic, SmartModuleSpec.Named("no-such-module")));
        Assert.Equal(FluvioErrorCode.SmartModuleNotFound, missing.Code);
        Assert.Contains("no-such-module", missing.Message);

        // The WebAssembly magic and version, then a section that is not one.
        byte[] broken = [0, (byte)'a', (byte)'s', (byte)'m', 1, 0, 0, 0, 0xff, 0xff];
        var invalid = await Assert.ThrowsAsync<FluvioException>(() => ReadAsync(door, topic, SmartModuleSpec.FromWasm(broken)));
        Assert.Equal(FluvioErrorCode.SmartModuleFailed, invalid.Code);
        Assert.Contains("not a valid WebAssembly module", invalid.Message);

        var noTransform = TestSmartModules.Wasm("(module (import \"env\" \"copy_records\" (func (param i32 i32))) (memory (export \"memory\") 1) (func (export \"alloc\") (param i32) (result i32) (i32.const 0)))");
        var unusable = await Assert.ThrowsAsync<FluvioException>(() => ReadAsync(door, topic, SmartModuleSpec.FromWasm(noTransform)));
        Assert.Equal(FluvioErrorCode.SmartModuleFailed, unusable.Code);
        Assert.Contains("exports none of filter, map, filter_map, array_map, aggregate", unusable.Message);
    }

    [Fact]
    public async Task TheClientRefusesWhatIsNotWebAssemblyBeforeSendingIt()
    {
        await using var client = await ConnectAsync("grpc");
        var e = await Assert.ThrowsAsync<FluvioException>(() => ReadAsync("grpc", "any", SmartModuleSpec.FromWasm(Records.Utf8("(module)"))));
        Assert.Equal(FluvioErrorCode.InvalidArgument, e.Code);
        Assert.Contains("not a WebAssembly module", e.Message);
    }

    private static SmartModuleSpec Module(string text) => SmartModuleDoors.Module(text);

    private static ConsumerOptions Options(params SmartModuleSpec[] modules) => new() { SmartModules = modules };

    private static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;

    private async Task<List<string>> ReadAsync(string door, string topic, params SmartModuleSpec[] modules)
    {
        await using var client = await ConnectAsync(door);
        var records = await Records.ReadAllAsync(client, topic, Options(modules));
        return [.. records.Select(r => $"{(r.HasKey ? Records.Text(r.Key) : "-")}:{Records.Text(r.Value)}@{r.Offset}")];
    }

    private Task<FluvioClient> ConnectAsync(string door) => SmartModuleDoors.ConnectAsync(broker, door);

    private Task<string> FruitTopicAsync() => TopicAsync([.. FirstBatch], [.. SecondBatch]);

    private Task<string> TopicAsync(string[] first, string[] second) =>
        TopicAsync([.. first.Select(v => ("k", v))], [.. second.Select(v => ("k", v))]);

    private async Task<string> TopicAsync((string Key, string Value)[] first, (string Key, string Value)[] second)
    {
        string topic = Records.NewTopicName("sm");
        await broker.Client.CreateTopicAsync(new TopicSpec(topic));
        await ProduceAsync(topic, first);
        await ProduceAsync(topic, second);
        return topic;
    }

    /// <summary>One batch: the records are sent, then flushed together.</summary>
    private async Task ProduceAsync(string topic, (string Key, string Value)[] records)
    {
        await using var producer = await broker.Client.CreateProducerAsync(topic);
        var sent = records.Select(r => producer.Send(Records.Utf8(r.Key), Records.Utf8(r.Value))).ToList();
        await producer.FlushAsync();
        Assert.All(sent, future => Assert.True(future.Result.Offset >= 0));
    }
}
