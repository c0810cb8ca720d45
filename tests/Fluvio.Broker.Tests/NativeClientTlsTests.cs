using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Fluvio.Client;

namespace Fluvio.Broker.Tests;

/// <summary>
/// Our native client (fluvio://) over TLS to the broker's native ports, with the certificates
/// <see cref="NativeTlsTests.Certificates"/> makes: the SC and each SPU are checked against the
/// CA, SPUs under the name "&lt;spu&gt;.&lt;domain&gt;" as the official client dials them.
/// </summary>
public sealed class NativeClientTlsTests(NativeTlsTests.Certificates certs) : IClassFixture<NativeTlsTests.Certificates>
{
    [Fact]
    public async Task RecordsTravelOverTlsWhenTheBrokerIsCheckedAgainstItsCa()
    {
        await using var broker = await BrokerProcess.StartAsync(null, certs.TlsArgs);
        await using var client = await FluvioClient.ConnectAsync(NativeClientTests.Native(broker), new FluvioClientOptions { TlsCaFile = certs.CaFile, TlsDomain = "localhost" });
        await client.CreateTopicAsync(new TopicSpec("secure") { Partitions = 2 });
        await using (var producer = await client.CreateProducerAsync("secure"))
        {
            producer.Send(Records.Utf8("alice"), Records.Utf8("Deposit 100.00"));
            await producer.FlushAsync();
        }
        var read = Assert.Single(await Records.ReadAllAsync(client, "secure"));
        Assert.Equal(("alice", "Deposit 100.00"), (Records.Text(read.Key), Records.Text(read.Value)));
    }

    [Fact]
    public async Task ABrokerSignedByAnotherCaIsRefusedWithTheReason()
    {
        string otherCa = Path.Combine(Directory.CreateTempSubdirectory("fluvio-other-ca-").FullName, "ca.pem");
        using (var key = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        {
            var request = new CertificateRequest("CN=Some Other CA", key, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            using var ca = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
            File.WriteAllText(otherCa, ca.ExportCertificatePem());
        }
        await using var broker = await BrokerProcess.StartAsync(null, certs.TlsArgs);

        var refused = await Assert.ThrowsAsync<FluvioException>(() =>
            FluvioClient.ConnectAsync(NativeClientTests.Native(broker), new FluvioClientOptions { TlsCaFile = otherCa, TlsDomain = "localhost" }));

        Assert.Equal(FluvioErrorCode.ConnectionFailed, refused.Code);
        Assert.StartsWith($"Cannot reach the Fluvio broker at fluvio://{broker.ScAddress}: the broker's TLS certificate was rejected: it is not signed by the CA in '{otherCa}'", refused.Message);
    }

    [Fact]
    public async Task APlainClientAgainstTlsPortsFailsClearlyInsteadOfHanging()
    {
        await using var broker = await BrokerProcess.StartAsync(null, certs.TlsArgs);
        var refused = await Assert.ThrowsAsync<FluvioException>(() =>
            FluvioClient.ConnectAsync(NativeClientTests.Native(broker), new FluvioClientOptions { RequestTimeout = TimeSpan.FromSeconds(5) }));
        Assert.Equal(FluvioErrorCode.ConnectionFailed, refused.Code);
        Assert.Contains($"fluvio://{broker.ScAddress}", refused.Message);
    }

    [Fact]
    public async Task WhenClientCertificatesAreRequiredTheClientPresentsOne()
    {
        await using var broker = await BrokerProcess.StartAsync(null, [.. certs.TlsArgs, "--tls-client-ca", certs.CaFile]);
        string dir = Directory.CreateTempSubdirectory("fluvio-client-cert-").FullName;
        string cert = Path.Combine(dir, "client.pem"), key = Path.Combine(dir, "client.key");
        File.WriteAllText(cert, certs.Client.ExportCertificatePem());
        using (var privateKey = certs.Client.GetECDsaPrivateKey()!)
        {
            File.WriteAllText(key, privateKey.ExportPkcs8PrivateKeyPem());
        }
        var options = new FluvioClientOptions { TlsCaFile = certs.CaFile, TlsDomain = "localhost" };

        await using (var client = await FluvioClient.ConnectAsync(NativeClientTests.Native(broker), options with { TlsClientCertificateFile = cert, TlsClientKeyFile = key }))
        {
            await client.CreateTopicAsync(new TopicSpec("mtls"));
            Assert.Equal(["mtls"], (await client.ListTopicsAsync()).Select(t => t.Name));
        }
        var refused = await Assert.ThrowsAsync<FluvioException>(() => FluvioClient.ConnectAsync(NativeClientTests.Native(broker), options));
        Assert.Equal(FluvioErrorCode.ConnectionFailed, refused.Code);
        Assert.Equal($"Cannot reach the Fluvio broker at fluvio://{broker.ScAddress}: the broker closed the TLS connection without answering: "
            + "it may require a client certificate (set TlsClientCertificateFile and TlsClientKeyFile).", refused.Message);
    }
}
