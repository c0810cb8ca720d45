using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Fluvio.Protocol.Native;

namespace Fluvio.Broker.Tests;

/// <summary>
/// TLS on the native SC and SPU ports (--tls-cert/--tls-key, with --tls-client-ca for client
/// certificates), spoken to as the official client would: same bytes inside TLS, refusals that
/// close only the refused connection, a bounded handshake, and the ports leaving loopback only
/// when client certificates are required.
/// </summary>
public sealed class NativeTlsTests(NativeTlsTests.Certificates certs) : IClassFixture<NativeTlsTests.Certificates>
{
    // The official client's first frame on every connection, and the answers it accepted on the
    // plain ports (NativeProtocolTests): TLS must not change a byte of them.
    private static readonly byte[] ApiVersions =
        NativeFrame.Request(new RequestHeader(18, 2, 1, "fluvio"), new ApiVersionsRequest("0.14.9", "linux", "x86_64"));
    private const string ScAnswer = "000000370000000100000000000603e90009001003ea0001001003eb000f001003ec000f001003ed000e001003ee000100100007302e31312e3131";
    private const string SpuAnswer = "0000002f0000000100000000000500000000001700010000001703ea0017001703eb0000001703ed000000000005302e302e30";

    // The official client names an SPU "<spu-name>.<domain>" in its SNI; 5001 is this broker's SPU.
    private const string SpuServerName = "5001.localhost";

    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Fact(Timeout = 90_000)]
    public async Task ApiVersionsIsAnsweredOverTlsOnTheScAndTheSpuPort()
    {
        await using var broker = await BrokerProcess.StartAsync(null, certs.TlsArgs);
        using var bound = new CancellationTokenSource(Bound);

        Assert.Equal(ScAnswer, await ApiVersionsOverTlsAsync(broker.ScAddress, "localhost", null, bound.Token));
        Assert.Equal(SpuAnswer, await ApiVersionsOverTlsAsync(broker.SpuAddress, SpuServerName, null, bound.Token));
    }

    [Fact(Timeout = 90_000)]
    public async Task APlainClientOnATlsPortIsClosedUnansweredAndTlsClientsAreStillServed()
    {
        await using var broker = await BrokerProcess.StartAsync(null, certs.TlsArgs);
        using var bound = new CancellationTokenSource(Bound);

        foreach (string address in new[] { broker.ScAddress, broker.SpuAddress })
        {
            using var plain = await ConnectAsync(address, bound.Token);
            await plain.GetStream().WriteAsync(ApiVersions, bound.Token);
            byte[] received = await ReadToEndAsync(plain, bound.Token);
            // Nothing, or at most a TLS alert record (content type 21): never a frame.
            Assert.True(received.Length == 0 || received[0] == 21, $"got {Convert.ToHexString(received)}");
        }

        Assert.Equal(ScAnswer, await ApiVersionsOverTlsAsync(broker.ScAddress, "localhost", null, bound.Token));
        Assert.Equal(SpuAnswer, await ApiVersionsOverTlsAsync(broker.SpuAddress, SpuServerName, null, bound.Token));
        Assert.Contains("SC connection from 127.0.0.1:", broker.Diagnostics);
        Assert.Contains("SPU connection from 127.0.0.1:", broker.Diagnostics);
        Assert.Contains("TLS handshake failed, closing the connection", broker.Diagnostics);
        Assert.False(broker.HasExited);
    }

    [Fact(Timeout = 90_000)]
    public async Task WithTlsClientCaOnlyACertificateFromThatCaIsAnswered()
    {
        await using var broker = await BrokerProcess.StartAsync(null, [.. certs.TlsArgs, "--tls-client-ca", certs.CaFile]);
        using var bound = new CancellationTokenSource(Bound);

        foreach (var (address, name, answer) in new[] { (broker.ScAddress, "localhost", ScAnswer), (broker.SpuAddress, SpuServerName, SpuAnswer) })
        {
            Assert.Null(await ApiVersionsOverTlsAsync(address, name, null, bound.Token));
            Assert.Null(await ApiVersionsOverTlsAsync(address, name, certs.RogueClient, bound.Token));
            Assert.Equal(answer, await ApiVersionsOverTlsAsync(address, name, certs.Client, bound.Token));
        }

        string diagnostics = broker.Diagnostics;
        Assert.Contains("the client presented no certificate", diagnostics);
        Assert.Contains("refused a client certificate (CN=intruder)", diagnostics);
        Assert.DoesNotContain("CN=fluvio-client", diagnostics);
    }

    [Fact(Timeout = 90_000)]
    public async Task AClientThatSendsNothingDoesNotHoldUpAnotherHandshakeAndIsClosedAfterTheTimeout()
    {
        await using var broker = await BrokerProcess.StartAsync(null, certs.TlsArgs);
        var started = Stopwatch.StartNew();
        using var silent = await ConnectAsync(broker.ScAddress, CancellationToken.None);

        // Well inside the broker's 10 s handshake timeout, so the silent client is still there.
        using (var quick = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            Assert.Equal(ScAnswer, await ApiVersionsOverTlsAsync(broker.ScAddress, "localhost", null, quick.Token));
        }
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(9), $"took {started.Elapsed}");

        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        Assert.Empty(await ReadToEndAsync(silent, bound.Token));
        Assert.InRange(started.Elapsed, TimeSpan.FromSeconds(9), TimeSpan.FromSeconds(30));
        // The broker logs as it closes; its stderr reaches us through a pipe read asynchronously.
        await Bounded.Until(() => broker.Diagnostics.Contains("no TLS handshake within 10 s"), TimeSpan.FromSeconds(10), "the broker to log the handshake timeout");
    }

    [Fact(Timeout = 120_000)]
    public async Task TheNativePortsLeaveLoopbackOnlyWhenClientCertificatesAreRequired()
    {
        // TLS without client certificates: still no authentication, so the native ports stay on
        // loopback and say why. 192.0.2.1 is a documentation address this machine lacks: gRPC
        // fails to bind after the warning, and nothing ever listens off loopback.
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => BrokerProcess.StartAsync(null, [.. certs.TlsArgs, "--host", "192.0.2.1"]));
        Assert.Contains("warning: the native Fluvio ports stay on 127.0.0.1 (--host 192.0.2.1 applies to gRPC only)", refused.Message);

        // With client certificates required they follow --host; on every interface the SPU is
        // advertised by this machine's name, which clients elsewhere can dial.
        await using var broker = await BrokerProcess.StartAsync(null, [.. certs.TlsArgs, "--tls-client-ca", certs.CaFile, "--host", "0.0.0.0"]);
        Assert.StartsWith("0.0.0.0:", broker.ScAddress);
        Assert.StartsWith("0.0.0.0:", broker.SpuAddress);
        Assert.DoesNotContain("native Fluvio ports stay", broker.Diagnostics);
        using var bound = new CancellationTokenSource(Bound);
        string sc = "127.0.0.1" + broker.ScAddress["0.0.0.0".Length..];
        var spu = await WatchSpuAsync(sc, bound.Token);
        Assert.Equal(Dns.GetHostName(), Assert.Single(spu.PublicEndpoint.Ingress).Hostname);
        Assert.Equal(int.Parse(broker.SpuAddress.Split(':')[1]), spu.PublicEndpoint.Port);
        Assert.Equal(Encryption.Ssl, spu.PublicEndpoint.Encryption);
    }

    [Fact(Timeout = 90_000)]
    public async Task TheReadyLineSaysWhetherTheNativePortsSpeakTls()
    {
        Assert.True((await ReadyLineAsync(certs.TlsArgs)).GetProperty("nativeTls").GetBoolean());
        Assert.False((await ReadyLineAsync([])).GetProperty("nativeTls").GetBoolean());
    }

    /// <summary>
    /// One connection: TLS handshake (the server's certificate checked against the test CA and
    /// <paramref name="serverName"/>), then ApiVersions. The answer frame in hex, or null when the
    /// broker closed the connection instead (in the handshake, or right after it: in TLS 1.3 a
    /// client learns that its certificate was refused only then).
    /// </summary>
    private async Task<string?> ApiVersionsOverTlsAsync(string address, string serverName, X509Certificate2? clientCertificate, CancellationToken cancellationToken)
    {
        using var tcp = await ConnectAsync(address, cancellationToken);
        await using var tls = new SslStream(tcp.GetStream());
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = serverName,
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            RemoteCertificateValidationCallback = (sender, certificate, _, _) => certs.IsTrustedServer(sender, certificate),
        };
        if (clientCertificate is not null)
        {
            // Sent whatever the server's list of acceptable issuers says, so the rogue one really reaches the broker.
            options.ClientCertificates = [clientCertificate];
            options.LocalCertificateSelectionCallback = (_, _, _, _, _) => clientCertificate;
        }
        try
        {
            await tls.AuthenticateAsClientAsync(options, cancellationToken);
            await tls.WriteAsync(ApiVersions, cancellationToken);
            return await new FrameReader(tls).ReadAsync(cancellationToken) is { } payload ? Hex(payload) : null;
        }
        catch (Exception e) when (e is AuthenticationException or IOException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private async Task<SpuSpec> WatchSpuAsync(string scAddress, CancellationToken cancellationToken)
    {
        using var tcp = await ConnectAsync(scAddress, cancellationToken);
        await using var tls = new SslStream(tcp.GetStream());
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            RemoteCertificateValidationCallback = (sender, certificate, _, _) => certs.IsTrustedServer(sender, certificate),
            ClientCertificates = [certs.Client],
        }, cancellationToken);
        await tls.WriteAsync(NativeFrame.Request(new RequestHeader((ushort)ScApiKey.Watch, 16, 1, "dummy"),
            w => ObjectEnvelope.Write(w, ObjectLabel.Spu, body => new WatchObjectsRequest(0, false).Encode(body, 16))), cancellationToken);
        var reader = new WireReader(await new FrameReader(tls).ReadAsync(cancellationToken) ?? throw new EndOfStreamException());
        Assert.Equal(1, reader.I32());
        var update = MetadataUpdate<SpuSpec, SpuStatus>.Decode(ObjectEnvelope.Decode(reader, 16).Reader(), 16);
        return Assert.Single(update.All).Spec;
    }

    /// <summary>Starts a broker, returns its ready line and kills it.</summary>
    private static async Task<JsonElement> ReadyLineAsync(string[] extraArgs)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        string data = BrokerProcess.NewDataDirectory();
        foreach (string arg in new[] { BrokerProcess.BrokerPath(), "--data-dir", data, "--grpc-port", "0", "--sc-port", "0", "--spu-port", "0" }.Concat(extraArgs))
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        process.BeginErrorReadLine(); // diagnostics are not needed here, only drained
        try
        {
            using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            string line = await process.StandardOutput.ReadLineAsync(bound.Token) ?? throw new InvalidOperationException("The broker exited before it was ready.");
            using var ready = JsonDocument.Parse(line);
            return ready.RootElement.Clone();
        }
        finally
        {
            process.Kill();
            await process.WaitForExitAsync();
            Directory.Delete(data, recursive: true);
        }
    }

    private static async Task<TcpClient> ConnectAsync(string address, CancellationToken cancellationToken)
    {
        int colon = address.LastIndexOf(':');
        var tcp = new TcpClient { NoDelay = true };
        await tcp.ConnectAsync(address[..colon], int.Parse(address[(colon + 1)..]), cancellationToken);
        return tcp;
    }

    /// <summary>Everything the broker sends until it closes the connection (a reset counts as closed).</summary>
    private static async Task<byte[]> ReadToEndAsync(TcpClient tcp, CancellationToken cancellationToken)
    {
        var received = new MemoryStream();
        var buffer = new byte[4096];
        try
        {
            int read;
            while ((read = await tcp.GetStream().ReadAsync(buffer, cancellationToken)) > 0)
            {
                received.Write(buffer, 0, read);
            }
        }
        catch (IOException)
        {
        }
        return received.ToArray();
    }

    private static string Hex(byte[] payload)
    {
        var frame = new byte[4 + payload.Length];
        BinaryPrimitives.WriteInt32BigEndian(frame, payload.Length);
        payload.CopyTo(frame, 4);
        return Convert.ToHexString(frame).ToLowerInvariant();
    }

    /// <summary>
    /// Made here with CertificateRequest: a CA; a server certificate for localhost, *.localhost and
    /// 127.0.0.1 (the wildcard covers the SPU's "&lt;spu-name&gt;.localhost"); a client certificate
    /// from that CA; and one from another CA.
    /// </summary>
    public sealed class Certificates : IDisposable
    {
        private readonly string _directory = Directory.CreateTempSubdirectory("fluvio-native-tls-").FullName;
        private readonly X509Certificate2 _ca;

        public Certificates()
        {
            _ca = Authority("Fluvio Native Test CA");
            using var rogue = Authority("Rogue CA");
            CaFile = Path.Combine(_directory, "ca.pem");
            File.WriteAllText(CaFile, _ca.ExportCertificatePem());
            using var server = Issue(_ca, "fluvio-broker", clientUse: false);
            string cert = Path.Combine(_directory, "server.pem"), key = Path.Combine(_directory, "server.key");
            File.WriteAllText(cert, server.ExportCertificatePem());
            using (var serverKey = server.GetECDsaPrivateKey()!)
            {
                File.WriteAllText(key, serverKey.ExportPkcs8PrivateKeyPem());
            }
            TlsArgs = ["--tls-cert", cert, "--tls-key", key];
            Client = Issue(_ca, "fluvio-client", clientUse: true);
            RogueClient = Issue(rogue, "intruder", clientUse: true);
        }

        public string CaFile { get; }
        public string[] TlsArgs { get; }
        public X509Certificate2 Client { get; }
        public X509Certificate2 RogueClient { get; }

        /// <summary>
        /// The broker's certificate chains to the test CA and names the host asked for. The name is
        /// matched with .NET's own rule: OpenSSL (under SslStream on Linux) and rustls refuse a
        /// wildcard with a single label after it, so they would not take *.localhost for
        /// "5001.localhost"; the broker sends the same certificate whatever the SNI says.
        /// </summary>
        public bool IsTrustedServer(object sender, X509Certificate? certificate)
        {
            if (certificate is not X509Certificate2 presented || !presented.MatchesHostname(((SslStream)sender).TargetHostName))
            {
                return false;
            }
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(_ca);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return chain.Build(presented);
        }

        public void Dispose()
        {
            _ca.Dispose();
            Client.Dispose();
            RogueClient.Dispose();
            Directory.Delete(_directory, recursive: true);
        }

        private static X509Certificate2 Authority(string name)
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
            request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
            return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        }

        private static X509Certificate2 Issue(X509Certificate2 issuer, string name, bool clientUse)
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(clientUse ? "1.3.6.1.5.5.7.3.2" : "1.3.6.1.5.5.7.3.1")], false));
            request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
            if (!clientUse)
            {
                var names = new SubjectAlternativeNameBuilder();
                names.AddDnsName("localhost");
                names.AddDnsName("*.localhost");
                names.AddIpAddress(IPAddress.Loopback);
                request.CertificateExtensions.Add(names.Build());
            }
            using var certificate = request.Create(issuer, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30), RandomNumberGenerator.GetBytes(12));
            using var withKey = certificate.CopyWithPrivateKey(key);
            // Through PKCS#12 so the key is usable by every platform's TLS stack (SChannel refuses ephemeral keys).
            return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.Exportable);
        }
    }
}
