using System.Net;
using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Fluvio.Broker.Security;

/// <summary>
/// What Program.cs needs from this folder: load (fail fast on bad files), secure the gRPC
/// listener and its calls, the TLS of the native listeners, and a warning when the broker is
/// reachable from the network without protection.
/// </summary>
internal sealed class BrokerSecurity
{
    private readonly BrokerTls? _tls;
    private readonly TokenCheck? _token;

    private BrokerSecurity(BrokerTls? tls, TokenCheck? token)
    {
        _tls = tls;
        _token = token;
        NativeTls = tls?.ForNative();
    }

    /// <summary>TLS on the native SC and SPU listeners: with --tls-cert, the same certificate as gRPC.</summary>
    public NativeTlsAcceptor? NativeTls { get; }

    /// <summary>
    /// Whether every native client must prove who it is (a certificate from --tls-client-ca): the
    /// only authentication the native protocol has, so the only case in which its ports may leave
    /// loopback (see <see cref="Native.NativeBinding"/>).
    /// </summary>
    public bool AuthenticatesNativeClients => NativeTls?.RequiresClientCertificate == true;

    /// <summary>
    /// Why the native listeners must not start, or null. The native protocol has no token: under
    /// --token-file they would open every topic to whoever skips gRPC, so they start only when
    /// client certificates guard them, and otherwise the operator chooses (--native-off, or
    /// --tls-client-ca).
    /// </summary>
    public string? NativeRefusal(bool nativeOff) =>
        _token is null || nativeOff || AuthenticatesNativeClients
            ? null
            : "--token-file guards gRPC only: the native Fluvio protocol has no token, so its SC and SPU ports would let any local client read and write every topic. "
              + "Choose: --native-off (gRPC only), or --tls-cert with --tls-client-ca (native clients prove themselves with a certificate).";

    /// <summary>
    /// Takes the security options out of <paramref name="args"/> and loads their files; returns
    /// the other arguments. Throws <see cref="ArgumentException"/> with a message for the user.
    /// </summary>
    public static (BrokerSecurity Security, string[] Others) FromArguments(IReadOnlyList<string> args)
    {
        var (options, rest) = SecurityOptions.Extract(args);
        // Console.Error is looked up at each call: --log-file replaces it after this.
        var security = new BrokerSecurity(BrokerTls.Load(options, line => Console.Error.WriteLine($"fluvio-broker: {line}")), TokenCheck.Load(options));
        return (security, rest);
    }

    /// <summary>TLS on the gRPC listener, when configured.</summary>
    public void Apply(ListenOptions listen) => _tls?.Apply(listen);

    /// <summary>The token check on every gRPC call, when configured.</summary>
    public void Apply(GrpcServiceOptions grpc)
    {
        if (_token is not null)
        {
            grpc.Interceptors.Add<TokenInterceptor>(_token);
        }
    }

    /// <summary>Loopback is this machine only; any other address is the network, which deserves a warning without TLS.</summary>
    public void WarnIfExposed(IPAddress host, Action<string> log)
    {
        if (IPAddress.IsLoopback(host))
        {
            return;
        }
        if (_tls is null)
        {
            log($"warning: listening on {host} without TLS: anyone on the network can read the traffic{(_token is null ? " and read or write every topic" : ", including the token")}. Use --tls-cert and --tls-key{(_token is null ? ", and --token-file" : "")}.");
        }
        else if (_token is null && !_tls.RequiresClientCertificate)
        {
            log($"warning: listening on {host} without --token-file or --tls-client-ca: any client that can reach it may read and write every topic.");
        }
        if (!AuthenticatesNativeClients)
        {
            log($"warning: the native Fluvio ports stay on 127.0.0.1 (--host {host} applies to gRPC only): the native protocol has no token, so only --tls-cert with --tls-client-ca (client certificates) lets them listen on {host}.");
        }
    }
}
