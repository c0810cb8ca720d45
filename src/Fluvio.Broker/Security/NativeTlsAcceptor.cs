using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace Fluvio.Broker.Security;

/// <summary>
/// The TLS handshake of one accepted native (SC or SPU) connection: the gRPC listener's
/// certificate, TLS 1.2 or newer, and, with --tls-client-ca, a client certificate that chains to
/// that CA, which is the native protocol's only authentication (Fluvio identifies principals by
/// their TLS client certificates; there is no token on this wire). A failed handshake closes that
/// connection only, and the timeout keeps a client that never speaks from holding it open.
/// </summary>
internal sealed class NativeTlsAcceptor
{
    public static readonly TimeSpan DefaultHandshakeTimeout = TimeSpan.FromSeconds(10);

    private readonly SslStreamCertificateContext _certificate;
    private readonly Func<X509Certificate2, string?>? _clientRefusal;
    private readonly TimeSpan _timeout;

    /// <param name="clientRefusal">Null asks for no client certificate; otherwise why a certificate is refused, or null to accept it.</param>
    public NativeTlsAcceptor(SslStreamCertificateContext certificate, Func<X509Certificate2, string?>? clientRefusal, TimeSpan timeout)
    {
        _certificate = certificate;
        _clientRefusal = clientRefusal;
        _timeout = timeout;
    }

    public bool RequiresClientCertificate => _clientRefusal is not null;

    /// <summary>
    /// The TLS stream over <paramref name="transport"/> (which it then owns), or null when the
    /// handshake failed: then one line naming <paramref name="connection"/> and the reason is
    /// logged, unless <paramref name="closing"/> was cancelled (the broker is stopping).
    /// </summary>
    public async Task<SslStream?> AcceptAsync(Stream transport, string connection, Action<string> log, CancellationToken closing)
    {
        // Set by the validation callback, so the line says why rather than "rejected by the callback".
        string? refusal = null;
        var options = new SslServerAuthenticationOptions
        {
            ServerCertificateContext = _certificate,
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            ClientCertificateRequired = _clientRefusal is not null,
            // The client CA is the operator's own, with no revocation list published to fetch.
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        };
        if (_clientRefusal is { } check)
        {
            options.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            {
                refusal = certificate is X509Certificate2 presented ? check(presented) : "the client presented no certificate (--tls-client-ca requires one).";
                return refusal is null;
            };
        }
        var tls = new SslStream(transport, leaveInnerStreamOpen: false);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(closing);
        deadline.CancelAfter(_timeout);
        try
        {
            await tls.AuthenticateAsServerAsync(options, deadline.Token).ConfigureAwait(false);
            return tls;
        }
        catch (Exception e)
        {
            // Whatever went wrong (refusal, garbage, reset, timeout, stop) concerns this connection only.
            await tls.DisposeAsync().ConfigureAwait(false);
            if (!closing.IsCancellationRequested)
            {
                string why = refusal
                    ?? (deadline.IsCancellationRequested ? $"no TLS handshake within {_timeout.TotalSeconds:0.#} s." : e.Message);
                log($"{connection}: TLS handshake failed, closing the connection: {why}");
            }
            return null;
        }
    }
}
