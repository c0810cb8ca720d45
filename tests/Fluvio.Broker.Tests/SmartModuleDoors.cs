using Fluvio.Client;
using Fluvio.Testing.SmartModules;

namespace Fluvio.Broker.Tests;

/// <summary>What the SmartModule tests do through either door: "grpc" or "native", the same client API over each.</summary>
internal static class SmartModuleDoors
{
    public static TheoryData<string> Doors => ["grpc", "native"];

    public static SmartModuleSpec Module(string text) => SmartModuleSpec.FromWasm(TestSmartModules.Wasm(text));

    public static Task<FluvioClient> ConnectAsync(BrokerFixture broker, string door) =>
        FluvioClient.ConnectAsync(door == "native" ? NativeClientTests.Native(broker.Process) : broker.Process.Endpoint);

    /// <summary>One batch through a producer with these SmartModules; throws what its records' futures say.</summary>
    public static async Task SendAsync(BrokerFixture broker, string door, string topic, SmartModuleSpec[] modules, params string[] values)
    {
        await using var client = await ConnectAsync(broker, door);
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
