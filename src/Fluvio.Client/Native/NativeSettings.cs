namespace Fluvio.Client;

/// <summary>Where and how to dial a native cluster: the SC's address, TLS, timeouts.</summary>
internal sealed record NativeSettings(string Host, int Port, FluvioClientOptions Options, ClientTls? ScTls, string TlsDomain)
{
    /// <summary>Fluvio's default SC port, for fluvio://host without one.</summary>
    public const int DefaultScPort = 9003;

    public bool UsesTls => ScTls is not null;

    public static NativeSettings From(Uri endpoint, FluvioClientOptions options)
    {
        string host = endpoint.IdnHost;
        int port = endpoint.IsDefaultPort || endpoint.Port < 0 ? DefaultScPort : endpoint.Port;
        string domain = options.TlsDomain ?? host;
        var tls = options.UseTls || ClientTls.HasSettings(options) ? ClientTls.Create(domain, options) : null;
        return new NativeSettings(host, port, options, tls, domain);
    }

    public Task<NativeSocket> DialScAsync(CancellationToken ct) =>
        NativeSocket.ConnectAsync(Host, Port, ScTls, TlsDomain, Options.ConnectTimeout, Options.RequestTimeout, ct);

    /// <summary>
    /// An SPU is dialled with the name "&lt;spu&gt;.&lt;domain&gt;", for SNI and the certificate
    /// check, as the official client does (fluvio-socket's with_prefix_sni_domain).
    /// </summary>
    public Task<NativeSocket> DialSpuAsync(string spuName, string host, int port, CancellationToken ct)
    {
        string name = $"{spuName}.{TlsDomain}";
        var tls = UsesTls ? ClientTls.Create(name, Options) : null;
        return NativeSocket.ConnectAsync(host, port, tls, name, Options.ConnectTimeout, Options.RequestTimeout, ct);
    }
}
