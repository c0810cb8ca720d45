using Fluvio.Client;
using Fluvio.Testing.SmartModules;

namespace Fluvio.Broker.Tests;

/// <summary>
/// Stored SmartModules through both doors (gRPC SmartModuleAdmin, native SC objects labelled
/// "SmartModule"): created once, listed, named by a read, refused twice, deleted; one store behind both.
/// </summary>
public sealed class SmartModuleAdminTests(BrokerFixture broker) : IClassFixture<BrokerFixture>
{
    public static TheoryData<string> Doors => ["grpc", "native"];

    [Theory]
    [MemberData(nameof(Doors))]
    public async Task AStoredModuleIsListedNamedByAReadAndDeleted(string door)
    {
        await using var client = await ConnectAsync(door);
        string name = "upper-" + door;
        byte[] wasm = TestSmartModules.Wasm(TestSmartModules.Map);
        Assert.Equal(new SmartModuleInfo(name, wasm.Length), await client.CreateSmartModuleAsync(name, wasm));
        Assert.Contains(new SmartModuleInfo(name, wasm.Length), await client.ListSmartModulesAsync());

        string topic = Records.NewTopicName("smadmin");
        await broker.Client.CreateTopicAsync(new TopicSpec(topic));
        await using (var producer = await broker.Client.CreateProducerAsync(topic))
        {
            producer.Send(Records.Utf8("k"), Records.Utf8("apple"));
            await producer.FlushAsync();
        }
        // Stored through one door, run through the other too.
        foreach (var reader in new[] { client, broker.Client })
        {
            var records = await Records.ReadAllAsync(reader, topic, new ConsumerOptions { SmartModules = [SmartModuleSpec.Named(name)] });
            Assert.Equal(["APPLE"], records.Select(r => Records.Text(r.Value)));
        }

        var twice = await Assert.ThrowsAsync<FluvioException>(() => client.CreateSmartModuleAsync(name, wasm));
        Assert.Equal((FluvioErrorCode.SmartModuleFailed, $"SmartModule '{name}' already exists."), (twice.Code, twice.Message));

        await client.DeleteSmartModuleAsync(name);
        Assert.DoesNotContain(await client.ListSmartModulesAsync(), m => m.Name == name);
        var gone = await Assert.ThrowsAsync<FluvioException>(() => client.DeleteSmartModuleAsync(name));
        Assert.Equal(FluvioErrorCode.SmartModuleNotFound, gone.Code);
        Assert.Contains(name, gone.Message);
    }

    [Theory]
    [MemberData(nameof(Doors))]
    public async Task AModuleThatDoesNotCompileIsNotStored(string door)
    {
        await using var client = await ConnectAsync(door);
        byte[] broken = [0, (byte)'a', (byte)'s', (byte)'m', 1, 0, 0, 0, 0xff];
        var e = await Assert.ThrowsAsync<FluvioException>(() => client.CreateSmartModuleAsync("broken-" + door, broken));
        Assert.Equal(FluvioErrorCode.SmartModuleFailed, e.Code);
        Assert.Contains("not a valid WebAssembly module", e.Message);
        Assert.DoesNotContain(await client.ListSmartModulesAsync(), m => m.Name == "broken-" + door);
    }

    private Task<FluvioClient> ConnectAsync(string door) =>
        FluvioClient.ConnectAsync(door == "native" ? NativeClientTests.Native(broker.Process) : broker.Process.Endpoint);
}
