namespace Fluvio.Broker.Security;

/// <summary>
/// The broker's TLS and authentication options. They are taken out of the command line before
/// <see cref="BrokerOptions.Parse"/> sees it, so the security settings live in one place.
/// </summary>
public sealed record SecurityOptions
{
    /// <summary>Server certificate: PEM (with --tls-key, or holding its key) or PFX without password.</summary>
    public string? TlsCertificate { get; init; }

    public string? TlsKey { get; init; }

    /// <summary>PEM CA file: when set, every client must present a certificate it signed.</summary>
    public string? TlsClientCa { get; init; }

    /// <summary>File holding the bearer token every gRPC call must carry.</summary>
    public string? TokenFile { get; init; }

    public bool TlsEnabled => TlsCertificate is not null;

    // Starts with two line breaks: it is printed right after BrokerOptions.Usage, which ends without one.
    public const string Usage = """


        Security (TLS applies to the gRPC and the native SC/SPU ports; the token to gRPC only):
          --tls-cert <path>         serve gRPC and the native ports over TLS with this certificate (PEM, or PFX without password)
          --tls-key <path>          PEM private key of --tls-cert (omit when the certificate file holds it)
          --tls-client-ca <path>    require client certificates signed by this PEM CA
          --token-file <path>       require "authorization: Bearer <token>" on every gRPC call; the file holds the token
        """;

    /// <summary>
    /// Splits the security options from the rest of <paramref name="args"/>; throws
    /// <see cref="ArgumentException"/> with a message for the user.
    /// </summary>
    public static (SecurityOptions Security, string[] Others) Extract(IReadOnlyList<string> args)
    {
        var security = new SecurityOptions();
        var rest = new List<string>();
        for (int i = 0; i < args.Count; i++)
        {
            string name = args[i];
            string Value() => i + 1 < args.Count ? Path.GetFullPath(args[++i]) : throw new ArgumentException($"Option {name} needs a value.");
            switch (name)
            {
                case "--tls-cert":
                    security = security with { TlsCertificate = Value() };
                    break;
                case "--tls-key":
                    security = security with { TlsKey = Value() };
                    break;
                case "--tls-client-ca":
                    security = security with { TlsClientCa = Value() };
                    break;
                case "--token-file":
                    security = security with { TokenFile = Value() };
                    break;
                default:
                    rest.Add(name);
                    break;
            }
        }
        if (!security.TlsEnabled && (security.TlsKey is not null || security.TlsClientCa is not null))
        {
            throw new ArgumentException("--tls-key and --tls-client-ca need --tls-cert.");
        }
        return (security, rest.ToArray());
    }
}
