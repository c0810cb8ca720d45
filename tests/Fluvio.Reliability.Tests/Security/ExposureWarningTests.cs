namespace Fluvio.Reliability.Tests.Security;

/// <summary>
/// The broker binds 127.0.0.1 unless told otherwise, and says so loudly when told to listen on
/// another address without TLS. Checked without ever listening off loopback: 192.0.2.1 is a
/// documentation address this machine does not have, so the bind fails after the warning.
/// </summary>
public sealed class ExposureWarningTests
{
    [Fact(Timeout = 60_000)]
    public async Task Loopback_is_the_default_and_another_address_without_TLS_is_warned_about()
    {
        await using (var broker = await BrokerHost.StartAsync())
        {
            Assert.Equal("127.0.0.1", broker.Endpoint.Host);
            Assert.DoesNotContain("warning", broker.Diagnostics);
        }

        string data = BrokerHost.NewDataDirectory();
        var (exit, diagnostics) = await BrokerHost.RunToExitAsync(data, "--host", "192.0.2.1");
        Assert.NotEqual(0, exit);
        Assert.Contains("warning: listening on 192.0.2.1 without TLS", diagnostics);
        Assert.Contains("--tls-cert", diagnostics);
        TempData.Delete(data);
    }
}
