using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Fluvio.Reliability.Tests;

/// <summary>A certificate and its private key as PEM files.</summary>
public sealed record PemPair(string CertificateFile, string KeyFile);

/// <summary>
/// Certificates made here with CertificateRequest (never files from elsewhere): a CA with a
/// server certificate for 127.0.0.1/localhost, one for another name only, a client certificate;
/// and a rogue CA with its own server and client certificates, for the refusals.
/// </summary>
public sealed class TestCertificates : IDisposable
{
    public TestCertificates()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("fluvio-tls-").FullName;
        using var ca = Authority("Fluvio Test CA");
        using var rogue = Authority("Rogue CA");
        CaFile = Save("ca", ca, withKey: false).CertificateFile;
        RogueCaFile = Save("rogue-ca", rogue, withKey: false).CertificateFile;
        Server = Save("server", Issue(ca, "fluvio-broker", ["localhost"], [IPAddress.Loopback], clientUse: false));
        OtherName = Save("other-name", Issue(ca, "fluvio.test", ["fluvio.test"], [], clientUse: false));
        Client = Save("client", Issue(ca, "fluvio-client", [], [], clientUse: true));
        RogueServer = Save("rogue-server", Issue(rogue, "impostor", ["localhost"], [IPAddress.Loopback], clientUse: false));
        RogueClient = Save("rogue-client", Issue(rogue, "intruder", [], [], clientUse: true));
        using var server = X509Certificate2.CreateFromPemFile(Server.CertificateFile, Server.KeyFile);
        ServerPfx = Path.Combine(Directory, "server.pfx");
        File.WriteAllBytes(ServerPfx, server.Export(X509ContentType.Pkcs12));
    }

    public string Directory { get; }
    public string CaFile { get; }
    public string RogueCaFile { get; }
    public PemPair Server { get; }
    public PemPair OtherName { get; }
    public PemPair Client { get; }
    public PemPair RogueServer { get; }
    public PemPair RogueClient { get; }

    /// <summary>The server certificate as PFX without password.</summary>
    public string ServerPfx { get; }

    public void Dispose() => TempData.Delete(Directory);

    private static X509Certificate2 Authority(string name)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
    }

    private static X509Certificate2 Issue(X509Certificate2 issuer, string name, string[] dnsNames, IPAddress[] addresses, bool clientUse)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid(clientUse ? "1.3.6.1.5.5.7.3.2" : "1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, true, false));
        if (dnsNames.Length + addresses.Length > 0)
        {
            var names = new SubjectAlternativeNameBuilder();
            foreach (string dns in dnsNames)
            {
                names.AddDnsName(dns);
            }
            foreach (var address in addresses)
            {
                names.AddIpAddress(address);
            }
            request.CertificateExtensions.Add(names.Build());
        }
        using var certificate = request.Create(issuer, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30), RandomNumberGenerator.GetBytes(12));
        return certificate.CopyWithPrivateKey(key);
    }

    private PemPair Save(string name, X509Certificate2 certificate, bool withKey = true)
    {
        string certFile = Path.Combine(Directory, name + ".pem");
        string keyFile = Path.Combine(Directory, name + ".key");
        File.WriteAllText(certFile, certificate.ExportCertificatePem());
        if (withKey)
        {
            using var key = certificate.GetECDsaPrivateKey()!;
            File.WriteAllText(keyFile, key.ExportPkcs8PrivateKeyPem());
        }
        return new PemPair(certFile, keyFile);
    }
}
