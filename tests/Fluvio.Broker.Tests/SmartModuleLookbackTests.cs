using Fluvio.Client;
using Fluvio.Testing.SmartModules;

namespace Fluvio.Broker.Tests;

/// <summary>
/// SmartModule lookback on the local cluster, through both doors, as Fluvio's SPU runs it
/// (fluvio-spu 0.11.11 tests/stream_fetch.rs and tests/produce.rs with the
/// fluvio_smartmodule_filter_lookback module): before the first batch, a module's look_back
/// reads the partition's last records (or those young enough), and a failing look_back ends
/// only that stream, or refuses only that produce, with its own message.
/// </summary>
public sealed class SmartModuleLookbackTests(BrokerFixture broker) : IClassFixture<BrokerFixture>
{
    public static TheoryData<string> Doors => SmartModuleDoors.Doors;

    [Theory]
    [MemberData(nameof(Doors))]
    public async Task TheLastRecordDecidesWhatTheFilterKeeps(string door)
    {
        string topic = await TopicAsync(["1", "10", "2", "11", "3"]);
        // look_back saw 3: the filter keeps what rises above it.
        Assert.Equal(["10", "11"], await ReadAsync(door, topic, Lookback(1)));

        await ProduceAsync(topic, ["10", "14", "13"]);
        Assert.Equal(["14"], await ReadAsync(door, topic, Lookback(1)));

        // last = 0 reads nothing: the filter starts from 0.
        Assert.Equal(["1", "10", "11", "14"], await ReadAsync(door, topic, Lookback(0)));
    }

    [Theory]
    [MemberData(nameof(Doors))]
    public async Task AnAgeReadsTheRecordsYoungEnough(string door)
    {
        string topic = await TopicAsync(["1", "10", "2", "11", "3"]);
        // An hour: every record (the last one seen is 3).
        Assert.Equal(["10", "11"], await ReadAsync(door, topic, Lookback(0, TimeSpan.FromHours(1))));
        // An hour and the last one.
        Assert.Equal(["10", "11"], await ReadAsync(door, topic, Lookback(1, TimeSpan.FromHours(1))));
        // A millisecond, 50 ms later: none, the filter starts from 0.
        await Task.Delay(50);
        Assert.Equal(["1", "10", "11"], await ReadAsync(door, topic, Lookback(0, TimeSpan.FromMilliseconds(1))));
        Assert.Equal(["1", "10", "11"], await ReadAsync(door, topic, Lookback(5, TimeSpan.FromMilliseconds(1))));
    }

    [Theory]
    [MemberData(nameof(Doors))]
    public async Task ALookBackErrorEndsTheStreamWithTheModulesMessage(string door)
    {
        string topic = await TopicAsync(["1", "10"]);
        await ProduceAsync(topic, ["wrong record"]);
        var failed = await Assert.ThrowsAsync<FluvioException>(() => ReadAsync(door, topic, Lookback(1)));
        Assert.Equal(FluvioErrorCode.SmartModuleFailed, failed.Code);
        // SmartModuleLookbackRuntimeError's Display, as the SPU sends it (offset: the record's delta in its batch).
        Assert.Contains("invalid digit found in string\n\nSmartModule Lookback Error: \n    Offset: 0\n    Key: k\n    Value: wrong record", failed.Message);
        // Only that reader's stream: the same topic reads on without the lookback.
        Assert.Equal(["1", "10"], await ReadAsync(door, topic, Lookback(0)));
    }

    [Theory]
    [MemberData(nameof(Doors))]
    public async Task AHugeLookbackReadsTheWholePartitionAndNoMore(string door)
    {
        string topic = await TopicAsync(["1", "10", "2"]);
        await ProduceAsync(topic, ["11", "3"]);
        Assert.Equal(["10", "11"], await ReadAsync(door, topic, Lookback(long.MaxValue)));
        Assert.Equal(["10", "11"], await ReadAsync(door, topic, Lookback(0, TimeSpan.MaxValue)));
        Assert.Equal(["10", "11"], await ReadAsync(door, topic, Lookback(long.MaxValue, TimeSpan.FromDays(3650))));

        // Past i64, as the SPU's conversion refuses it.
        var refused = await Assert.ThrowsAsync<FluvioException>(() => ReadAsync(door, topic, Lookback(ulong.MaxValue)));
        Assert.Equal(FluvioErrorCode.SmartModuleFailed, refused.Code);
        Assert.Contains("out of range", refused.Message);

        // A look_back that never returns is stopped by the fuel budget.
        var endless = await Assert.ThrowsAsync<FluvioException>(() => ReadAsync(door, topic, Module(TestSmartModules.EndlessLookback) with { Lookback = new SmartModuleLookback(1) }));
        Assert.Equal(FluvioErrorCode.SmartModuleFailed, endless.Code);
        Assert.Contains("look_back was stopped: it used up its fuel", endless.Message);
    }

    [Theory]
    [MemberData(nameof(Doors))]
    public async Task InAChainOnlyTheModulesThatExportLookBackReadAndTheyReadTheStoredRecords(string door)
    {
        // fluvio-smartengine calls look_back only on the modules that export it, with the stored
        // records (not an earlier module's output): map (no look_back) with a lookback, then the filter.
        string topic = await TopicAsync(["1", "10", "2", "11", "3"]);
        await using var client = await ConnectAsync(door);
        var chain = new[] { Module(TestSmartModules.Map) with { Lookback = new SmartModuleLookback(1) }, Lookback(1) };
        var records = await Records.ReadAllAsync(client, topic, new ConsumerOptions { SmartModules = chain });
        Assert.Equal(["10", "11"], records.Select(r => Records.Text(r.Value)));
    }

    [Theory]
    [MemberData(nameof(Doors))]
    public async Task OnProduceTheLookbackReadsWhatIsStored(string door)
    {
        string topic = Records.NewTopicName("lbp");
        await broker.Client.CreateTopicAsync(new TopicSpec(topic));
        // Nothing stored yet: all pass.
        await SendAsync(door, topic, Lookback(1), "1", "2", "3");
        Assert.Equal(["1", "2", "3"], await StoredAsync(topic));
        // The last stored is 3: only what rises above it.
        await SendAsync(door, topic, Lookback(1), "2", "4", "5");
        Assert.Equal(["1", "2", "3", "4", "5"], await StoredAsync(topic));
        // last = 0: nothing read.
        await SendAsync(door, topic, Lookback(0), "1", "2");
        Assert.Equal(["1", "2", "3", "4", "5", "1", "2"], await StoredAsync(topic));

        // By age, from the end back to the first batch too old: a batch stored plainly (it has
        // timestamps) is young enough, so 5 is seen; a SmartModule's output batch carries none,
        // as the SPU's does, so the walk stops there.
        await ProduceAsync(topic, ["5"]);
        await SendAsync(door, topic, Lookback(0, TimeSpan.FromHours(1)), "3", "7", "8");
        Assert.Equal(["1", "2", "3", "4", "5", "1", "2", "5", "7", "8"], await StoredAsync(topic));
        await ProduceAsync(topic, ["9"]);
        await Task.Delay(50);
        await SendAsync(door, topic, Lookback(0, TimeSpan.FromMilliseconds(1)), "3", "6");
        Assert.Equal(["1", "2", "3", "4", "5", "1", "2", "5", "7", "8", "9", "3", "6"], await StoredAsync(topic));
    }

    [Theory]
    [MemberData(nameof(Doors))]
    public async Task OnProduceALookBackErrorRefusesTheBatch(string door)
    {
        string topic = Records.NewTopicName("lbp");
        await broker.Client.CreateTopicAsync(new TopicSpec(topic));
        await ProduceAsync(topic, ["2", "wrong last record"]);
        var failed = await Assert.ThrowsAsync<FluvioException>(() => SendAsync(door, topic, Lookback(2), "4"));
        Assert.Equal(FluvioErrorCode.SmartModuleFailed, failed.Code);
        Assert.Contains("invalid digit found in string\n\nSmartModule Lookback Error: \n    Offset: 1\n    Key: k\n    Value: wrong last record", failed.Message);
        Assert.Equal(["2", "wrong last record"], await StoredAsync(topic));

        // Past i64 is refused on produce too, and nothing is stored.
        var huge = await Assert.ThrowsAsync<FluvioException>(() => SendAsync(door, topic, Lookback(ulong.MaxValue), "4"));
        Assert.Contains("out of range", huge.Message);
        Assert.Equal(["2", "wrong last record"], await StoredAsync(topic));
    }

    private static SmartModuleSpec Module(string text) => SmartModuleDoors.Module(text);

    private static SmartModuleSpec Lookback(ulong last, TimeSpan? age = null) =>
        Module(TestSmartModules.FilterLookback) with { Lookback = new SmartModuleLookback(last, age) };

    private static SmartModuleSpec Lookback(long last, TimeSpan? age = null) => Lookback((ulong)last, age);

    private async Task<List<string>> ReadAsync(string door, string topic, SmartModuleSpec module)
    {
        await using var client = await ConnectAsync(door);
        var records = await Records.ReadAllAsync(client, topic, new ConsumerOptions { SmartModules = [module] });
        return [.. records.Select(r => Records.Text(r.Value))];
    }

    private async Task<List<string>> StoredAsync(string topic) =>
        [.. (await Records.ReadAllAsync(broker.Client, topic)).Select(r => Records.Text(r.Value))];

    private Task<FluvioClient> ConnectAsync(string door) => SmartModuleDoors.ConnectAsync(broker, door);

    private async Task<string> TopicAsync(string[] values)
    {
        string topic = Records.NewTopicName("lb");
        await broker.Client.CreateTopicAsync(new TopicSpec(topic));
        await ProduceAsync(topic, values);
        return topic;
    }

    /// <summary>One batch, without SmartModules.</summary>
    private async Task ProduceAsync(string topic, string[] values)
    {
        await using var producer = await broker.Client.CreateProducerAsync(topic);
        var sent = values.Select(v => producer.Send(Records.Utf8("k"), Records.Utf8(v))).ToList();
        await producer.FlushAsync();
        Assert.All(sent, future => Assert.True(future.Result.Offset >= 0));
    }

    private Task SendAsync(string door, string topic, SmartModuleSpec module, params string[] values) =>
        SmartModuleDoors.SendAsync(broker, door, topic, [module], values);
}
