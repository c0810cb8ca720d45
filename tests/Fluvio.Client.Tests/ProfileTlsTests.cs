using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Fluvio.Client.Tests;

/// <summary>
/// A profile's TLS policy (disabled, anonymous, verified from files or inline PEM) as client
/// options, and those options loaded by ClientTls, the one loader both transports use.
/// </summary>
public sealed class ProfileTlsTests : IDisposable
{
    private readonly ProfileFiles _files = new();
    private readonly TestPki _pki = new();

    public void Dispose()
    {
        _files.Dispose();
        _pki.Dispose();
    }

    private static string Profile(string tls) => $"""
        current_profile = "secure"

        [profile.secure]
        cluster = "secure"

        [cluster.secure]
        endpoint = "sc.fluvio.example:9003"

        [cluster.secure.tls]
        {tls}
        """;

    private (Uri Endpoint, FluvioClientOptions Options) Connection(string tls) =>
        FluvioConfigFile.Load(_files.Write(Profile(tls))).GetProfile("secure").ToConnection();

    [Fact]
    public void Verified_with_files_gives_the_file_options_with_relative_paths_taken_from_the_files_folder()
    {
        Directory.CreateDirectory(Path.Combine(_files.Folder, "certs"));
        var (endpoint, options) = Connection("""
            tls_policy = "verified"
            tls_source = "files"

            [cluster.secure.tls.certs]
            domain = "fluvio.example"
            key = "certs/client.key"
            cert = "certs/client.crt"
            ca_cert = "/etc/fluvio/ca.crt"
            """);

        Assert.Equal(new Uri("fluvio://sc.fluvio.example:9003"), endpoint);
        Assert.True(options.UseTls);
        Assert.False(options.TlsSkipVerification);
        Assert.Equal("fluvio.example", options.TlsDomain);
        Assert.Equal(Path.GetFullPath("/etc/fluvio/ca.crt"), options.TlsCaFile);
        Assert.Equal(Path.Combine(_files.Folder, "certs", "client.crt"), options.TlsClientCertificateFile);
        Assert.Equal(Path.Combine(_files.Folder, "certs", "client.key"), options.TlsClientKeyFile);
        Assert.Null(options.TlsCaPem);
    }

    [Fact]
    public void Verified_with_files_loads_the_certificates_the_paths_name()
    {
        File.WriteAllText(Path.Combine(_files.Folder, "ca.crt"), _pki.CaPem);
        File.WriteAllText(Path.Combine(_files.Folder, "client.crt"), _pki.ClientCertificatePem);
        File.WriteAllText(Path.Combine(_files.Folder, "client.key"), _pki.ClientKeyPem);
        // fluvio-rs also accepts the spellings "verify" and "file".
        var (_, options) = Connection("""
            tls_policy = "verify"
            tls_source = "file"

            [cluster.secure.tls.certs]
            domain = "fluvio.example"
            key = "client.key"
            cert = "client.crt"
            ca_cert = "ca.crt"
            """);

        var tls = ClientTls.Create(options.TlsDomain!, options);

        Assert.True(tls.PresentsCertificate);
        Assert.True(Validate(tls, _pki.Broker("fluvio.example")));
        Assert.False(Validate(tls, _pki.Broker("other.example")));
        Assert.Contains("not for 'fluvio.example'", tls.Check.LastRejection);
    }

    [Fact]
    public void Verified_inline_gives_pem_options_that_load_as_certificates()
    {
        var (_, options) = Connection($$"""
            tls_policy = "verified"
            tls_source = "inline"

            [cluster.secure.tls.certs]
            domain = "fluvio.example"
            key = '''
            {{_pki.ClientKeyPem}}'''
            cert = '''
            {{_pki.ClientCertificatePem}}'''
            ca_cert = '''
            {{_pki.CaPem}}'''
            """);

        Assert.True(options is { UseTls: true, TlsSkipVerification: false, TlsCaFile: null, TlsClientCertificateFile: null });
        Assert.Equal(_pki.CaPem.Trim(), options.TlsCaPem?.Trim());
        Assert.DoesNotContain("PRIVATE KEY", options.ToString());
        var tls = ClientTls.Create(options.TlsDomain!, options);
        Assert.True(tls.PresentsCertificate);
        Assert.True(Validate(tls, _pki.Broker("fluvio.example")));
        // A certificate for the right name from another CA is refused: the inline CA is the only one trusted.
        using var rogue = new TestPki();
        Assert.False(Validate(tls, rogue.Broker("fluvio.example")));
        Assert.Contains("not signed by the CA in the inline CA certificate", tls.Check.LastRejection);
    }

    [Fact]
    public void Anonymous_encrypts_without_checking_the_brokers_certificate()
    {
        var (_, options) = Connection("tls_policy = \"anonymous\"");

        Assert.True(options is { UseTls: true, TlsSkipVerification: true, TlsDomain: null, TlsCaFile: null, TlsCaPem: null });
        var tls = ClientTls.Create("sc.fluvio.example", options);
        Assert.False(tls.PresentsCertificate);
        using var rogue = new TestPki();
        Assert.True(Validate(tls, rogue.Broker("anything.example"), SslPolicyErrors.RemoteCertificateChainErrors | SslPolicyErrors.RemoteCertificateNameMismatch));
    }

    [Fact]
    public void Disabled_sets_no_tls_option()
    {
        var (_, options) = Connection("tls_policy = \"disabled\"");

        Assert.False(ClientTls.HasSettings(options));
        Assert.Equal(new FluvioClientOptions(), options);
    }

    [Fact]
    public void Skipping_verification_and_trusting_a_ca_at_once_is_refused()
    {
        var options = new FluvioClientOptions { TlsSkipVerification = true, TlsCaPem = _pki.CaPem };

        var e = Assert.Throws<FluvioException>(options.Validate);

        Assert.Equal(FluvioErrorCode.InvalidArgument, e.Code);
        Assert.Equal("TlsSkipVerification cannot be combined with TlsCaFile or TlsCaPem.", e.Message);
    }

    [Fact]
    public void Inline_pem_that_is_no_certificate_fails_clearly()
    {
        var options = new FluvioClientOptions { TlsClientCertificatePem = "not a certificate", TlsClientKeyPem = "nor a key" };

        var e = Assert.Throws<FluvioException>(() => ClientTls.Create("fluvio.example", options));

        Assert.Equal(FluvioErrorCode.InvalidArgument, e.Code);
        Assert.StartsWith("Cannot load the client certificate (inline PEM): ", e.Message);
    }

    private static bool Validate(ClientTls tls, X509Certificate2 presented, SslPolicyErrors errors = SslPolicyErrors.RemoteCertificateChainErrors) =>
        tls.Check.Validate(new object(), presented, null, errors);

    /// <summary>A CA, a client certificate it signed, and broker certificates on demand; made here, never read from elsewhere.</summary>
    private sealed class TestPki : IDisposable
    {
        private readonly RSA _caKey = RSA.Create(2048);
        private readonly X509Certificate2 _ca;
        private readonly X509Certificate2 _client;
        private readonly RSA _clientKey = RSA.Create(2048);
        private readonly List<X509Certificate2> _issued = [];

        public TestPki()
        {
            var request = new CertificateRequest("CN=Test Fluvio CA", _caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            _ca = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
            _client = Issue("client", _clientKey);
        }

        public string CaPem => _ca.ExportCertificatePem();
        public string ClientCertificatePem => _client.ExportCertificatePem();
        public string ClientKeyPem => _clientKey.ExportPkcs8PrivateKeyPem();

        /// <summary>A broker certificate for <paramref name="dnsName"/>, signed by this CA.</summary>
        public X509Certificate2 Broker(string dnsName)
        {
            using var key = RSA.Create(2048);
            return Issue(dnsName, key);
        }

        private X509Certificate2 Issue(string dnsName, RSA key)
        {
            var request = new CertificateRequest($"CN={dnsName}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var names = new SubjectAlternativeNameBuilder();
            names.AddDnsName(dnsName);
            request.CertificateExtensions.Add(names.Build());
            var certificate = request.Create(_ca, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddHours(12), Guid.NewGuid().ToByteArray()[..8]);
            _issued.Add(certificate);
            return certificate;
        }

        public void Dispose()
        {
            _issued.ForEach(c => c.Dispose());
            _ca.Dispose();
            _caKey.Dispose();
            _clientKey.Dispose();
        }
    }
}
