using Fluvio.Client;
using Xunit.Abstractions;

namespace Fluvio.Reliability.Tests.Security;

/// <summary>
/// The native protocol has no token. Before, a broker started with --token-file still opened its
/// native ports, and a client with no token listed, read, wrote, created and deleted topics
/// through fluvio:// while gRPC refused it. Now such a broker refuses to start and says how to
/// choose; it starts with --native-off (gRPC only) or with client certificates on the native ports.
/// </summary>
public sealed class NativeTokenRuleTests(ITestOutputHelper output, TlsTests.Certificates fixture) : IClassFixture<TlsTests.Certificates>, IDisposable
{
    private readonly string _tokenFile = WriteToken();

    public void Dispose() => File.Delete(_tokenFile);

    [Fact(Timeout = 60_000)]
    public async Task A_token_broker_whose_native_ports_would_be_open_refuses_to_start_and_says_how_to_choose()
    {
        string data = BrokerHost.NewDataDirectory();
        var (exit, diagnostics) = await BrokerHost.RunToExitAsync(data, "--token-file", _tokenFile);
        output.WriteLine(diagnostics);
        Assert.Equal(2, exit);
        Assert.Contains("the native Fluvio protocol has no token", diagnostics);
        Assert.Contains("--native-off", diagnostics);
        Assert.Contains("--tls-client-ca", diagnostics);
        Assert.Contains("\"error\":\"NativeUnauthenticated\"", diagnostics);
        // TLS without client certificates authenticates nobody: still refused.
        (exit, _) = await BrokerHost.RunToExitAsync(data, "--token-file", _tokenFile, "--tls-cert", fixture.Files.ServerPfx);
        Assert.Equal(2, exit);
        TempData.Delete(data);
    }

    [Fact(Timeout = 60_000)]
    public async Task With_native_off_no_native_port_is_opened_and_gRPC_serves_token_holders()
    {
        await using var broker = await BrokerHost.StartAsync(null, "--token-file", _tokenFile, "--native-off");
        Assert.Equal("", broker.ScEndpoint);
        Assert.Equal("", broker.SpuEndpoint);
        await using var client = await FluvioClient.ConnectAsync(broker.Endpoint, new FluvioClientOptions { Token = Token });
        await client.CreateTopicAsync(new TopicSpec("only-grpc"));
        Assert.Single(await client.ListTopicsAsync());
    }

    [Fact(Timeout = 120_000)]
    public async Task With_client_certificates_native_clients_get_in_only_with_one()
    {
        await using var broker = await BrokerHost.StartAsync(null, "--token-file", _tokenFile, "--tls-cert", fixture.Files.ServerPfx, "--tls-client-ca", fixture.Files.CaFile);
        var native = new Uri($"fluvio://{broker.ScEndpoint}");
        var trusting = new FluvioClientOptions { TlsCaFile = fixture.Files.CaFile, ConnectTimeout = TimeSpan.FromSeconds(10) };

        await using (var client = await FluvioClient.ConnectAsync(native, trusting with
        {
            TlsClientCertificateFile = fixture.Files.Client.CertificateFile,
            TlsClientKeyFile = fixture.Files.Client.KeyFile,
        }))
        {
            await client.CreateTopicAsync(new TopicSpec("by-certificate"));
            Assert.Single(await client.ListTopicsAsync());
        }
        // Before: no token and no certificate, and every topic was open through this port.
        var anonymous = await Assert.ThrowsAsync<FluvioException>(async () =>
        {
            await using var client = await FluvioClient.ConnectAsync(native, trusting);
            await client.ListTopicsAsync();
        });
        Assert.Equal(FluvioErrorCode.ConnectionFailed, anonymous.Code);
        output.WriteLine(anonymous.Message);
    }

    private const string Token = "native-rule-token";

    private static string WriteToken()
    {
        string path = Path.Combine(Path.GetTempPath(), $"fluvio-token-{Guid.NewGuid():N}");
        File.WriteAllText(path, Token + "\n");
        return path;
    }
}
