namespace Fluvio.Client;

/// <summary>How a <see cref="FluvioClient"/> reaches its broker.</summary>
public sealed record FluvioClientOptions
{
    /// <summary>How long opening a connection may take before the broker counts as unreachable.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Deadline of every admin and offset call.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Largest gRPC message sent or received.</summary>
    public int MaxMessageBytes { get; init; } = 64 * 1024 * 1024;

    /// <summary>
    /// Bearer token for a broker started with --token-file. Sent only over https:// or to a
    /// loopback address; never printed by <see cref="ToString"/>.
    /// </summary>
    public string? Token { get; init; }

    /// <summary>
    /// TLS on a fluvio:// (native) endpoint even without other TLS settings (the broker is then
    /// checked against the machine's trusted roots). Any TLS setting implies it.
    /// </summary>
    public bool UseTls { get; init; }

    /// <summary>PEM file of the CA that signed the broker's certificate (https:// endpoints); else the machine's trusted roots.</summary>
    public string? TlsCaFile { get; init; }

    /// <summary>The name the broker's certificate must carry (and the SNI name) when it differs from the endpoint's host.</summary>
    public string? TlsDomain { get; init; }

    /// <summary>Client certificate (PEM, or PFX without password) for a broker that requires one (--tls-client-ca).</summary>
    public string? TlsClientCertificateFile { get; init; }

    /// <summary>PEM private key of <see cref="TlsClientCertificateFile"/> (omit when the certificate file holds it).</summary>
    public string? TlsClientKeyFile { get; init; }

    /// <summary>
    /// TLS that checks neither the broker's certificate nor its name: the "anonymous" policy of a
    /// Fluvio profile. It encrypts, but does not protect against a broker that is not the one meant.
    /// </summary>
    public bool TlsSkipVerification { get; init; }

    /// <summary>The CA certificate as PEM text (a profile with inline certificates); instead of <see cref="TlsCaFile"/>.</summary>
    public string? TlsCaPem { get; init; }

    /// <summary>The client certificate as PEM text; instead of <see cref="TlsClientCertificateFile"/>.</summary>
    public string? TlsClientCertificatePem { get; init; }

    /// <summary>The private key of <see cref="TlsClientCertificatePem"/> as PEM text; never printed by <see cref="ToString"/>.</summary>
    public string? TlsClientKeyPem { get; init; }

    internal void Validate()
    {
        Require(Token is null || (Token.Length > 0 && !Token.Any(char.IsWhiteSpace)), nameof(Token), "must be non-empty, without spaces");
        Require(TlsClientKeyFile is null || TlsClientCertificateFile is not null, nameof(TlsClientKeyFile), "needs TlsClientCertificateFile");
        Require(TlsClientKeyPem is null || TlsClientCertificatePem is not null, nameof(TlsClientKeyPem), "needs TlsClientCertificatePem");
        Require(TlsCaFile is null || TlsCaPem is null, nameof(TlsCaPem), "cannot be combined with TlsCaFile");
        Require(TlsClientCertificateFile is null || TlsClientCertificatePem is null, nameof(TlsClientCertificatePem), "cannot be combined with TlsClientCertificateFile");
        // A CA says which brokers to trust; skipping verification trusts any: both at once is a mistake.
        Require(!TlsSkipVerification || (TlsCaFile is null && TlsCaPem is null), nameof(TlsSkipVerification), "cannot be combined with TlsCaFile or TlsCaPem");
        Require(ConnectTimeout > TimeSpan.Zero, nameof(ConnectTimeout), "must be positive");
        Require(RequestTimeout > TimeSpan.Zero, nameof(RequestTimeout), "must be positive");
        Require(MaxMessageBytes >= 64 * 1024, nameof(MaxMessageBytes), "must be at least 64 KiB");
    }

    // Records print every property; a token must not end up in a log.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"ConnectTimeout = {ConnectTimeout}, RequestTimeout = {RequestTimeout}, MaxMessageBytes = {MaxMessageBytes}, ");
        builder.Append($"Token = {(Token is null ? "" : "***")}, TlsCaFile = {TlsCaFile}, TlsDomain = {TlsDomain}, ");
        builder.Append($"TlsClientCertificateFile = {TlsClientCertificateFile}, TlsClientKeyFile = {TlsClientKeyFile}, ");
        // PEM text is long and a private key is a secret: say only whether it is there.
        builder.Append($"UseTls = {UseTls}, TlsSkipVerification = {TlsSkipVerification}, TlsCaPem = {Given(TlsCaPem)}, ");
        builder.Append($"TlsClientCertificatePem = {Given(TlsClientCertificatePem)}, TlsClientKeyPem = {(TlsClientKeyPem is null ? "" : "***")}");
        return true;
    }

    private static string Given(string? pem) => pem is null ? "" : "(PEM)";

    internal static void Require(bool condition, string option, string rule)
    {
        if (!condition)
        {
            throw new FluvioException(FluvioErrorCode.InvalidArgument, $"{option} {rule}.");
        }
    }
}
