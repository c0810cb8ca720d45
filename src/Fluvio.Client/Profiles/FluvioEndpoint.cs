using System.Diagnostics.CodeAnalysis;

namespace Fluvio.Client;

/// <summary>
/// The ways a broker address is written: by users (-Endpoint, $env:FLUVIO_ENDPOINT) and in the
/// endpoint of a Fluvio profile. A bare <c>host:port</c>, as <c>fluvio -c</c> and the profile
/// file write it, is Fluvio's native protocol; gRPC is always a full http(s):// address.
/// </summary>
public static class FluvioEndpoint
{
    /// <summary>
    /// http:// and https:// as they are, grpc:// as http://; fluvio://host[:port] and a bare
    /// host[:port] as fluvio://host:port (port 9003 when none is given). Anything else is false.
    /// </summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out Uri? endpoint)
    {
        endpoint = null;
        text = text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }
        // "localhost:9003" is a valid absolute URI with the scheme "localhost", so a scheme is only taken when "://" says so.
        if (!text.Contains("://", StringComparison.Ordinal))
        {
            return TryNative(FluvioClient.NativeScheme + "://" + text, out endpoint);
        }
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
        {
            return false;
        }
        switch (uri.Scheme)
        {
            case "http" or "https":
                endpoint = uri;
                return true;
            case "grpc":
                endpoint = new UriBuilder(uri) { Scheme = Uri.UriSchemeHttp }.Uri;
                return true;
            case FluvioClient.NativeScheme:
                return TryNative(text, out endpoint);
            default:
                return false;
        }
    }

    private static bool TryNative(string text, [NotNullWhen(true)] out Uri? endpoint)
    {
        endpoint = null;
        // The native protocol addresses a host and a port, nothing more.
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Host.Length == 0
            || uri.UserInfo.Length > 0 || uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            return false;
        }
        endpoint = new UriBuilder(FluvioClient.NativeScheme, uri.Host, uri.IsDefaultPort || uri.Port < 0 ? NativeSettings.DefaultScPort : uri.Port).Uri;
        return true;
    }
}
