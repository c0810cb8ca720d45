using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace Fluvio.Broker.Security;

/// <summary>
/// TLS on the gRPC listener and on the native SC/SPU listeners: the server certificate (and the
/// intermediates in its file), and, with --tls-client-ca, client certificates that must chain to
/// that CA. Loaded before the broker starts, so a bad file stops it with a message instead of
/// failing each handshake.
/// </summary>
internal sealed class BrokerTls
{
    private static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2");

    private readonly X509Certificate2 _certificate;
    private readonly X509Certificate2Collection _chain;
    private readonly X509Certificate2Collection? _clientAuthorities;
    private readonly Action<string> _log;

    private BrokerTls(X509Certificate2 certificate, X509Certificate2Collection chain, X509Certificate2Collection? clientAuthorities, Action<string> log)
    {
        _certificate = certificate;
        _chain = chain;
        _clientAuthorities = clientAuthorities;
        _log = log;
    }

    // The same sources build the net8.0 broker and the net10.0 standalone one, where the constructor is obsolete.
    private static X509Certificate2 LoadPkcs12(byte[] pkcs12) =>
#if NET9_0_OR_GREATER
        X509CertificateLoader.LoadPkcs12(pkcs12, password: null);
#else
        new(pkcs12);
#endif

    /// <summary>Null without --tls-cert; throws <see cref="ArgumentException"/> naming the bad file.</summary>
    public static BrokerTls? Load(SecurityOptions options, Action<string> log)
    {
        if (options.TlsCertificate is not { } certFile)
        {
            return null;
        }
        try
        {
            bool pfx = Path.GetExtension(certFile).ToLowerInvariant() is ".pfx" or ".p12";
            if (!pfx && options.TlsKey is null && !File.ReadAllText(certFile).Contains("PRIVATE KEY-----", StringComparison.Ordinal))
            {
                throw new ArgumentException($"--tls-cert '{certFile}' has no private key; give it with --tls-key.");
            }
            var certificate = pfx && options.TlsKey is null
                ? LoadPkcs12(File.ReadAllBytes(certFile))
                : X509Certificate2.CreateFromPemFile(certFile, options.TlsKey);
            if (!certificate.HasPrivateKey)
            {
                throw new ArgumentException($"--tls-cert '{certFile}' has no private key; give it with --tls-key.");
            }
            if (OperatingSystem.IsWindows())
            {
                // SChannel cannot use the ephemeral key of a PEM import.
                certificate = LoadPkcs12(certificate.Export(X509ContentType.Pkcs12));
            }
            var chain = new X509Certificate2Collection();
            if (!pfx)
            {
                chain.ImportFromPemFile(certFile);
                chain.RemoveAt(0); // the leaf itself; the rest are intermediates to send along
            }
            X509Certificate2Collection? authorities = null;
            if (options.TlsClientCa is { } caFile)
            {
                authorities = [];
                authorities.ImportFromPemFile(caFile);
                if (authorities.Count == 0)
                {
                    throw new ArgumentException($"--tls-client-ca '{caFile}' holds no PEM certificate.");
                }
            }
            return new BrokerTls(certificate, chain, authorities, log);
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"Cannot load the TLS certificate or key ({certFile}, {options.TlsKey ?? "key in the same file"}): {e.Message}", e);
        }
    }

    public bool RequiresClientCertificate => _clientAuthorities is not null;

    /// <summary>The same certificate and client check for the native listeners' handshakes.</summary>
    public NativeTlsAcceptor ForNative() => new(
        // Offline: the chain is what the file holds; the broker fetches nothing to complete it.
        SslStreamCertificateContext.Create(_certificate, _chain, offline: true),
        _clientAuthorities is null ? null : ClientRefusal,
        NativeTlsAcceptor.DefaultHandshakeTimeout);

    /// <summary>Turns a listener into a TLS one (HTTP/2 is negotiated by ALPN).</summary>
    public void Apply(ListenOptions listen) => listen.UseHttps(https =>
    {
        https.ServerCertificate = _certificate;
        https.ServerCertificateChain = _chain;
        if (_clientAuthorities is not null)
        {
            https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
            https.ClientCertificateValidation = ValidateClient;
        }
    });

    private bool ValidateClient(X509Certificate2 certificate, X509Chain? presented, SslPolicyErrors errors)
    {
        if (ClientRefusal(certificate) is { } refusal)
        {
            _log(refusal);
            return false;
        }
        return true;
    }

    /// <summary>Null when <paramref name="certificate"/> chains to the --tls-client-ca authority for client use; otherwise why not.</summary>
    private string? ClientRefusal(X509Certificate2 certificate)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_clientAuthorities!);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(ClientAuthentication);
        if (chain.Build(certificate))
        {
            return null;
        }
        string why = string.Join(", ", chain.ChainStatus.Select(s => s.Status).Distinct());
        return $"refused a client certificate ({certificate.Subject}): not signed by the --tls-client-ca authority for client use ({why}).";
    }
}
