namespace Fluvio.Client;

/// <summary>A cluster's <c>tls_policy</c> in the Fluvio profile file.</summary>
public enum FluvioTlsPolicy
{
    /// <summary>No TLS.</summary>
    Disabled,

    /// <summary>TLS that checks neither the broker's certificate nor its name.</summary>
    Anonymous,

    /// <summary>TLS with the broker's certificate checked against the profile's CA and domain, and a client certificate.</summary>
    Verified,
}

/// <summary>Where a verified profile keeps its certificates (<c>tls_source</c>).</summary>
public enum FluvioTlsSource
{
    /// <summary>The certificate fields are file paths.</summary>
    Files,

    /// <summary>The certificate fields are the PEM text itself.</summary>
    Inline,
}

/// <summary>
/// A cluster's TLS settings as the profile file holds them. For <see cref="FluvioTlsSource.Files"/>
/// the certificate fields are paths (relative ones already resolved against the file's folder),
/// for <see cref="FluvioTlsSource.Inline"/> they are PEM text. A class, not a record, so that a
/// private key never ends up in a printed object.
/// </summary>
public sealed class FluvioProfileTls
{
    public static FluvioProfileTls Disabled { get; } = new() { Policy = FluvioTlsPolicy.Disabled };

    public FluvioTlsPolicy Policy { get; init; }

    /// <summary>Set for <see cref="FluvioTlsPolicy.Verified"/> only.</summary>
    public FluvioTlsSource? Source { get; init; }

    /// <summary>The name the broker's certificate must carry (and the SNI name).</summary>
    public string? Domain { get; init; }

    /// <summary>The CA that signed the broker's certificate (<c>ca_cert</c>).</summary>
    public string? CaCertificate { get; init; }

    /// <summary>The client certificate (<c>cert</c>).</summary>
    public string? ClientCertificate { get; init; }

    /// <summary>The client certificate's private key (<c>key</c>).</summary>
    public string? ClientKey { get; init; }

    public override string ToString() => Source is { } source ? $"{Policy} ({source}, {Domain})" : Policy.ToString();

    /// <summary>These settings as client options, on top of <paramref name="options"/>.</summary>
    internal FluvioClientOptions ApplyTo(FluvioClientOptions options) => (Policy, Source) switch
    {
        (FluvioTlsPolicy.Anonymous, _) => options with { UseTls = true, TlsSkipVerification = true },
        (FluvioTlsPolicy.Verified, FluvioTlsSource.Files) => options with
        {
            UseTls = true,
            TlsDomain = NonEmpty(Domain),
            TlsCaFile = CaCertificate,
            TlsClientCertificateFile = ClientCertificate,
            TlsClientKeyFile = ClientKey,
        },
        (FluvioTlsPolicy.Verified, _) => options with
        {
            UseTls = true,
            TlsDomain = NonEmpty(Domain),
            TlsCaPem = CaCertificate,
            TlsClientCertificatePem = ClientCertificate,
            TlsClientKeyPem = ClientKey,
        },
        _ => options,
    };

    private static string? NonEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
