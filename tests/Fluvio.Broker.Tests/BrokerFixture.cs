using Fluvio.Client;

namespace Fluvio.Broker.Tests;

/// <summary>
/// One broker process for a test class, every door on a free port, and a gRPC client to it:
/// shared by the classes that talk to both doors (native protocol, bad input, door agreement).
/// </summary>
public sealed class BrokerFixture : IAsyncLifetime
{
    public BrokerProcess Process { get; private set; } = null!;
    public FluvioClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Process = await BrokerProcess.StartAsync(null, "--sc-port", "0", "--spu-port", "0");
        Client = await FluvioClient.ConnectAsync(Process.Endpoint);
    }

    public async Task DisposeAsync()
    {
        await Client.DisposeAsync();
        await Process.DisposeAsync();
    }
}
