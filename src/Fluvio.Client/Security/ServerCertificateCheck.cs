using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Fluvio.Client;

/// <summary>
/// Verifies the broker's TLS certificate: issued for the expected name (the endpoint's host, or
/// <see cref="FluvioClientOptions.TlsDomain"/>) and chained to the CA in
/// <see cref="FluvioClientOptions.TlsCaFile"/> or <see cref="FluvioClientOptions.TlsCaPem"/> (else to the machine's trusted roots). It keeps
/// the reason of its last refusal, because the TLS stack reports only "rejected by the callback"
/// and a user needs to know why.
/// </summary>
internal sealed class ServerCertificateCheck
{
    private readonly string _expectedName;
    private readonly X509Certificate2Collection? _authorities;
    private readonly string? _caSource;
    private readonly bool _acceptAny;
    private volatile string? _lastRejection;

    /// <summary>Trusts the CA in <paramref name="caFile"/> or in <paramref name="caPem"/> (PEM text), else the machine's roots.</summary>
    public ServerCertificateCheck(string expectedName, string? caFile, string? caPem = null)
    {
        _expectedName = expectedName;
        if (caFile is null && caPem is null)
        {
            return;
        }
        _caSource = caFile is null ? "the inline CA certificate" : $"'{caFile}'";
        _authorities = new X509Certificate2Collection();
        try
        {
            if (caFile is null)
            {
                _authorities.ImportFromPem(caPem);
            }
            else
            {
                _authorities.ImportFromPemFile(caFile);
            }
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw new FluvioException(FluvioErrorCode.InvalidArgument, $"Cannot read the CA certificate {_caSource}: {e.Message}", e);
        }
        if (_authorities.Count == 0)
        {
            throw new FluvioException(FluvioErrorCode.InvalidArgument, $"The CA certificate {_caSource} holds no PEM certificate.");
        }
    }

    private ServerCertificateCheck()
    {
        _expectedName = "";
        _acceptAny = true;
    }

    /// <summary>
    /// The "anonymous" TLS policy of a Fluvio profile: the connection is encrypted, but any
    /// certificate, for any name, is accepted. Only ever chosen explicitly
    /// (<see cref="FluvioClientOptions.TlsSkipVerification"/>).
    /// </summary>
    public static ServerCertificateCheck AcceptAny() => new();

    /// <summary>Why the last certificate was refused, or null.</summary>
    public string? LastRejection => _lastRejection;

    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (_acceptAny)
        {
            return true;
        }
        string? problem = Check(certificate, chain, errors);
        _lastRejection = problem;
        return problem is null;
    }

    private string? Check(X509Certificate? presented, X509Chain? chain, SslPolicyErrors errors)
    {
        if (presented is null)
        {
            return "the broker presented no certificate";
        }
        using var certificate = new X509Certificate2(presented);
        // The name is checked here, not by the TLS stack, so that TlsDomain can differ from the host dialled.
        if (!certificate.MatchesHostname(_expectedName))
        {
            string issuedFor = certificate.GetNameInfo(X509NameType.DnsName, forIssuer: false);
            return $"it is issued for '{issuedFor}', not for '{_expectedName}' (set TlsDomain if the broker's name differs from the address you dial)";
        }
        if (_authorities is null)
        {
            return (errors & SslPolicyErrors.RemoteCertificateChainErrors) == 0
                ? null
                : $"it is not trusted by this machine ({Statuses(chain)}); give the broker's CA with TlsCaFile";
        }
        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(_authorities);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain is not null)
        {
            // Intermediates the broker sent along.
            foreach (var element in chain.ChainElements)
            {
                custom.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }
        return custom.Build(certificate) ? null : $"it is not signed by the CA in {_caSource} ({Statuses(custom)})";
    }

    private static string Statuses(X509Chain? chain) =>
        chain is null || chain.ChainStatus.Length == 0
            ? "no chain"
            : string.Join(", ", chain.ChainStatus.Select(s => s.Status).Distinct());
}
