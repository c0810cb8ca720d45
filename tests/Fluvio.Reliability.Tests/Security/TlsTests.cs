using Fluvio.Client;
using Xunit.Abstractions;

namespace Fluvio.Reliability.Tests.Security;

/// <summary>
/// TLS on the gRPC listener (--tls-cert/--tls-key, optional --tls-client-ca) and the client's
/// checks: the broker's certificate must chain to the given CA and carry the expected name; a
/// refusal is ConnectionFailed saying the certificate was rejected and why.
/// </summary>
public sealed class TlsTests(ITestOutputHelper output, TlsTests.Certificates fixture) : IClassFixture<TlsTests.Certificates>
{
    public sealed class Certificates : IDisposable
    {
        public TestCertificates Files { get; } = new();

        public void Dispose() => Files.Dispose();
    }

    private TestCertificates Files => fixture.Files;

    [Fact(Timeout = 120_000)]
    public async Task A_client_trusting_the_CA_talks_to_a_TLS_broker_and_others_are_refused_with_the_reason()
    {
        await using var broker = await BrokerHost.StartAsync(null, "--tls-cert", Files.Server.CertificateFile, "--tls-key", Files.Server.KeyFile);
        Assert.Equal("https", broker.Endpoint.Scheme);

        await using (var client = await FluvioClient.ConnectAsync(broker.Endpoint, new FluvioClientOptions { TlsCaFile = Files.CaFile }))
        {
            await client.CreateTopicAsync(new TopicSpec("secret"));
            var acked = await Produce.StampedAsync(client, "secret", producer: 1, count: 10);
            Assert.Equal(10, acked.Count);
        }

        var untrusted = await RefusedAsync(broker.Endpoint, new FluvioClientOptions());
        Assert.Contains("certificate was rejected", untrusted.Message);
        Assert.Contains("not trusted by this machine", untrusted.Message);

        var wrongCa = await RefusedAsync(broker.Endpoint, new FluvioClientOptions { TlsCaFile = Files.RogueCaFile });
        Assert.Contains("certificate was rejected", wrongCa.Message);
        Assert.Contains($"not signed by the CA in '{Files.RogueCaFile}'", wrongCa.Message);

        // Plain HTTP/2 to a TLS port fails too, rather than hanging.
        await RefusedAsync(new UriBuilder(broker.Endpoint) { Scheme = "http" }.Uri, new FluvioClientOptions());
    }

    [Fact(Timeout = 120_000)]
    public async Task The_name_is_checked_and_TlsDomain_overrides_it()
    {
        await using var broker = await BrokerHost.StartAsync(null, "--tls-cert", Files.OtherName.CertificateFile, "--tls-key", Files.OtherName.KeyFile);

        var mismatch = await RefusedAsync(broker.Endpoint, new FluvioClientOptions { TlsCaFile = Files.CaFile });
        Assert.Contains("issued for 'fluvio.test', not for '127.0.0.1'", mismatch.Message);

        await using var client = await FluvioClient.ConnectAsync(broker.Endpoint, new FluvioClientOptions { TlsCaFile = Files.CaFile, TlsDomain = "fluvio.test" });
        Assert.Empty(await client.ListTopicsAsync());
    }

    [Fact(Timeout = 120_000)]
    public async Task With_tls_client_ca_only_clients_with_a_certificate_from_that_CA_get_in()
    {
        await using var broker = await BrokerHost.StartAsync(null,
            "--tls-cert", Files.ServerPfx, "--tls-client-ca", Files.CaFile);
        var trusting = new FluvioClientOptions { TlsCaFile = Files.CaFile };

        await using (var client = await FluvioClient.ConnectAsync(broker.Endpoint, trusting with
        {
            TlsClientCertificateFile = Files.Client.CertificateFile,
            TlsClientKeyFile = Files.Client.KeyFile,
        }))
        {
            await client.CreateTopicAsync(new TopicSpec("mutual"));
            Assert.Single(await client.ListTopicsAsync());
        }

        var anonymous = await RefusedAsync(broker.Endpoint, trusting);
        var intruder = await RefusedAsync(broker.Endpoint, trusting with
        {
            TlsClientCertificateFile = Files.RogueClient.CertificateFile,
            TlsClientKeyFile = Files.RogueClient.KeyFile,
        });
        // The broker logs the refusal after the handshake fails, which the client may see first.
        await Bounded.Until(() => broker.Diagnostics.Contains("refused a client certificate (CN=intruder)", StringComparison.Ordinal),
            TimeSpan.FromSeconds(10), "the broker's log line naming the refused certificate");
        output.WriteLine(anonymous.Message);
        output.WriteLine(intruder.Message);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_broker_given_an_unusable_certificate_does_not_start_and_says_why()
    {
        string data = BrokerHost.NewDataDirectory();
        var (exit, diagnostics) = await BrokerHost.RunToExitAsync(data, "--tls-cert", Files.CaFile);
        Assert.Equal(2, exit);
        Assert.Contains("no private key", diagnostics);
        (exit, diagnostics) = await BrokerHost.RunToExitAsync(data, "--tls-key", Files.Server.KeyFile);
        Assert.Equal(2, exit);
        Assert.Contains("need --tls-cert", diagnostics);
        TempData.Delete(data);
    }

    private async Task<FluvioException> RefusedAsync(Uri endpoint, FluvioClientOptions options)
    {
        var refused = await Assert.ThrowsAsync<FluvioException>(() => FluvioClient.ConnectAsync(endpoint, options with { ConnectTimeout = TimeSpan.FromSeconds(10) }));
        Assert.Equal(FluvioErrorCode.ConnectionFailed, refused.Code);
        output.WriteLine(refused.Message);
        return refused;
    }
}
