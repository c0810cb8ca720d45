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

    /// <summary>PEM file of the CA that signed the broker's certificate (https:// endpoints); else the machine's trusted roots.</summary>
    public string? TlsCaFile { get; init; }

    /// <summary>The name the broker's certificate must carry (and the SNI name) when it differs from the endpoint's host.</summary>
    public string? TlsDomain { get; init; }

    /// <summary>Client certificate (PEM, or PFX without password) for a broker that requires one (--tls-client-ca).</summary>
    public string? TlsClientCertificateFile { get; init; }

    /// <summary>PEM private key of <see cref="TlsClientCertificateFile"/> (omit when the certificate file holds it).</summary>
    public string? TlsClientKeyFile { get; init; }

    internal void Validate()
    {
        Require(Token is null || (Token.Length > 0 && !Token.Any(char.IsWhiteSpace)), nameof(Token), "must be non-empty, without spaces");
        Require(TlsClientKeyFile is null || TlsClientCertificateFile is not null, nameof(TlsClientKeyFile), "needs TlsClientCertificateFile");
        Require(ConnectTimeout > TimeSpan.Zero, nameof(ConnectTimeout), "must be positive");
        Require(RequestTimeout > TimeSpan.Zero, nameof(RequestTimeout), "must be positive");
        Require(MaxMessageBytes >= 64 * 1024, nameof(MaxMessageBytes), "must be at least 64 KiB");
    }

    // Records print every property; a token must not end up in a log.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"ConnectTimeout = {ConnectTimeout}, RequestTimeout = {RequestTimeout}, MaxMessageBytes = {MaxMessageBytes}, ");
        builder.Append($"Token = {(Token is null ? "" : "***")}, TlsCaFile = {TlsCaFile}, TlsDomain = {TlsDomain}, ");
        builder.Append($"TlsClientCertificateFile = {TlsClientCertificateFile}, TlsClientKeyFile = {TlsClientKeyFile}");
        return true;
    }

    internal static void Require(bool condition, string option, string rule)
    {
        if (!condition)
        {
            throw new FluvioException(FluvioErrorCode.InvalidArgument, $"{option} {rule}.");
        }
    }
}
