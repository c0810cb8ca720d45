using System.Net.Http;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace Fluvio.Client;

/// <summary>
/// TLS for an https:// or a TLS fluvio:// endpoint: the server check (<see cref="ServerCertificateCheck"/>), the SNI
/// name, and the client certificate a broker started with --tls-client-ca asks for.
/// </summary>
internal sealed class ClientTls
{
    private readonly X509Certificate2? _certificate;

    private ClientTls(ServerCertificateCheck check, X509Certificate2? certificate, string expectedName)
    {
        Check = check;
        _certificate = certificate;
        ExpectedName = expectedName;
    }

    public ServerCertificateCheck Check { get; }

    public bool PresentsCertificate => _certificate is not null;

    /// <summary>Null for http:// endpoints; TLS settings there are a mistake and fail.</summary>
    public static ClientTls? Configure(Uri endpoint, FluvioClientOptions options, SocketsHttpHandler handler)
    {
        if (endpoint.Scheme != Uri.UriSchemeHttps)
        {
            if (HasSettings(options))
            {
                throw new FluvioException(FluvioErrorCode.InvalidArgument,
                    $"TLS settings were given but the endpoint '{endpoint}' is not https://.");
            }
            return null;
        }
        var tls = Create(options.TlsDomain ?? endpoint.IdnHost, options);
        handler.SslOptions = tls.AuthenticationOptions(tls.ExpectedName);
        return tls;
    }

    /// <summary>True when any TLS option is set.</summary>
    public static bool HasSettings(FluvioClientOptions options) =>
        options.UseTls || options.TlsSkipVerification || options.TlsDomain is not null
        || options.TlsCaFile is not null || options.TlsCaPem is not null
        || options.TlsClientCertificateFile is not null || options.TlsClientCertificatePem is not null;

    /// <summary>
    /// The server check and client certificate for a broker whose certificate must name
    /// <paramref name="expectedName"/>; with <see cref="FluvioClientOptions.TlsSkipVerification"/>, a check that accepts any.
    /// </summary>
    public static ClientTls Create(string expectedName, FluvioClientOptions options)
    {
        var check = options.TlsSkipVerification
            ? ServerCertificateCheck.AcceptAny()
            : new ServerCertificateCheck(expectedName, RequireFile(options.TlsCaFile, nameof(options.TlsCaFile)), options.TlsCaPem);
        return new ClientTls(check, LoadClientCertificate(options), expectedName);
    }

    /// <summary>The name the broker's certificate must carry.</summary>
    public string ExpectedName { get; }

    /// <summary>
    /// Options for one handshake. <paramref name="targetHost"/> is the SNI name: a Fluvio client
    /// dialling an SPU sends "&lt;spu&gt;.&lt;domain&gt;" (fluvio-socket's with_prefix_sni_domain).
    /// </summary>
    public SslClientAuthenticationOptions AuthenticationOptions(string targetHost) => new()
    {
        TargetHost = targetHost,
        RemoteCertificateValidationCallback = Check.Validate,
        ClientCertificates = _certificate is null ? null : [_certificate],
    };

    /// <summary>Why a handshake failed, in words: the check's reason when it refused the broker.</summary>
    public string Describe(AuthenticationException failure)
    {
        if (Check.LastRejection is { } reason)
        {
            return $"the broker's TLS certificate was rejected: {reason}";
        }
        string hint = PresentsCertificate ? "" : " (if the broker requires a client certificate, set TlsClientCertificateFile and TlsClientKeyFile)";
        return $"the TLS handshake failed: {Innermost(failure).Message.TrimEnd('.')}{hint}";
    }

    /// <summary>
    /// The broker closed a TLS connection before any answer. With TLS 1.3 a client certificate is
    /// checked after the client's side of the handshake is done, so this is how a refused (or
    /// missing) client certificate shows.
    /// </summary>
    public static string DescribeClosed(ClientTls tls) => tls.PresentsCertificate
        ? "the broker closed the TLS connection without answering: it may have rejected the client certificate (is it signed by the CA the broker trusts with --tls-client-ca?)"
        : "the broker closed the TLS connection without answering: it may require a client certificate (set TlsClientCertificateFile and TlsClientKeyFile)";

    /// <summary>True when a failed call failed in, or right after, the TLS handshake.</summary>
    public static bool IsHandshakeFailure(Grpc.Core.RpcException failure)
    {
        for (Exception? e = failure.Status.DebugException; e is not null; e = e.InnerException)
        {
            if (e is AuthenticationException or HttpIOException { HttpRequestError: HttpRequestError.ResponseEnded })
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The client certificate from files or from PEM text (a profile's inline certificates); null when none is set.</summary>
    private static X509Certificate2? LoadClientCertificate(FluvioClientOptions options)
    {
        string? certFile = options.TlsClientCertificateFile;
        if (certFile is null && options.TlsClientCertificatePem is null)
        {
            return null;
        }
        string? keyFile = options.TlsClientKeyFile;
        RequireFile(certFile, nameof(FluvioClientOptions.TlsClientCertificateFile));
        RequireFile(keyFile, nameof(FluvioClientOptions.TlsClientKeyFile));
        try
        {
            string extension = Path.GetExtension(certFile ?? "").ToLowerInvariant();
            var certificate = certFile is null
                // Without a separate key, the key is looked for in the certificate's own PEM text.
                ? X509Certificate2.CreateFromPem(options.TlsClientCertificatePem, options.TlsClientKeyPem ?? options.TlsClientCertificatePem)
                : keyFile is null && extension is ".pfx" or ".p12"
                    ? new X509Certificate2(certFile)
                    : X509Certificate2.CreateFromPemFile(certFile, keyFile);
            // Windows' TLS stack cannot use the ephemeral key of a PEM import; a PKCS#12 round trip gives it a real one.
            return OperatingSystem.IsWindows() ? new X509Certificate2(certificate.Export(X509ContentType.Pkcs12)) : certificate;
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or ArgumentException)
        {
            string which = certFile is null ? "(inline PEM)" : $"'{certFile}'";
            throw new FluvioException(FluvioErrorCode.InvalidArgument, $"Cannot load the client certificate {which}: {e.Message}", e);
        }
    }

    private static string? RequireFile(string? path, string option) =>
        path is null || File.Exists(path)
            ? path
            : throw new FluvioException(FluvioErrorCode.InvalidArgument, $"{option} '{path}' does not exist.");

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }
        return e;
    }
}
