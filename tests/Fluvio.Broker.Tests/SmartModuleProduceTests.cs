using Fluvio.Client;
using Fluvio.Testing.SmartModules;

namespace Fluvio.Broker.Tests;

/// <summary>
/// SmartModules on produce, through both doors: the broker runs them over each sent batch, as
/// Fluvio's SPU does, and stores only what comes out; a module that fails refuses its batch.
/// </summary>
public sealed class SmartModuleProduceTests(BrokerFixture broker) : IClassFixture<BrokerFixture>
{
    public static TheoryData<string> Doors => ["grpc", "native"];

    [Theory]
    [MemberData(nameof(Doors))]
    public async Task OnlyWhatTheModulesLetThroughIsStored(string door)
    {
        string topic = await TopicAsync();
        await SendAsync(door, topic, [Module(TestSmartModules.FilterMap), Module(TestSmartModules.Map)], "#one", "two", "#three");
        await SendAsync(door, topic, [Module(TestSmartModules.FilterMap)], "plain");

        var stored = await Records.ReadAllAsync(broker.Client, topic);
        Assert.Equal(["ONE", "THREE"], stored.Select(r => Records.Text(r.Value)));
    }

    [Theory]
    [MemberData(nameof(Doors))]
    public async Task AFailingModuleRefusesTheBatchAndStoresNothing(string door)
    {
        string topic = await TopicAsync();
        var failed = await Assert.ThrowsAsync<FluvioException>(() => SendAsync(door, topic, [Module(TestSmartModules.EndlessLoop)], "a"));
        Assert.Equal(FluvioErrorCode.SmartModuleFailed, failed.Code);
        Assert.Contains("used up its fuel", failed.Message);
        Assert.Empty(await Records.ReadAllAsync(broker.Client, topic));

        // The topic still takes batches without SmartModules.
        await SendAsync(door, topic, [], "fine");
        Assert.Equal(["fine"], (await Records.ReadAllAsync(broker.Client, topic)).Select(r => Records.Text(r.Value)));
    }

    private static SmartModuleSpec Module(string text) => SmartModuleSpec.FromWasm(TestSmartModules.Wasm(text));

    private async Task<string> TopicAsync()
    {
        string topic = Records.NewTopicName("smp");
        await broker.Client.CreateTopicAsync(new TopicSpec(topic));
        return topic;
    }

    /// <summary>One batch through a producer with these SmartModules; throws what its records' futures say.</summary>
    private async Task SendAsync(string door, string topic, SmartModuleSpec[] modules, params string[] values)
    {
        await using var client = await FluvioClient.ConnectAsync(door == "native" ? NativeClientTests.Native(broker.Process) : broker.Process.Endpoint);
        await using var producer = await client.CreateProducerAsync(topic, new ProducerOptions { SmartModules = modules, MaxRetries = 0 });
        var sent = values.Select(v => producer.Send(Records.Utf8("k"), Records.Utf8(v))).ToList();
        try
        {
            await producer.FlushAsync();
        }
        catch (FluvioException)
        {
            // The futures say why.
        }
        foreach (var future in sent)
        {
            await future.WaitAsync();
        }
    }
}
