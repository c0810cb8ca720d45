namespace Fluvio.Client.Tests.Fakes;

/// <summary>
/// A test class with its own in-process fake broker and a client connected to it, both new for
/// each test and disposed after it.
/// </summary>
public abstract class FakeBrokerTest : IAsyncLifetime
{
    private protected FakeBroker _broker = null!;
    private protected FluvioClient _client = null!;

    public virtual async Task InitializeAsync()
    {
        _broker = await FakeBroker.StartAsync();
        _client = await _broker.ConnectAsync();
    }

    public async Task DisposeAsync()
    {
        await _client.DisposeAsync();
        await _broker.DisposeAsync();
    }
}
