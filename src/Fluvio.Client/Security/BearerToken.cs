using System.Net;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Fluvio.Client;

/// <summary>
/// Sends <see cref="FluvioClientOptions.Token"/> as <c>authorization: Bearer …</c> on every call.
/// A token is a password: it is never sent in clear text over the network, only over TLS or to
/// a loopback address (where nothing but this machine can read it).
/// </summary>
internal static class BearerToken
{
    public static CallInvoker Invoker(ChannelBase channel, Uri endpoint, string? token)
    {
        var invoker = channel.CreateCallInvoker();
        if (token is null)
        {
            return invoker;
        }
        if (endpoint.Scheme != Uri.UriSchemeHttps && !IsLoopback(endpoint))
        {
            throw new FluvioException(FluvioErrorCode.InvalidArgument,
                $"A token is not sent in clear text to {endpoint.Host}: use an https:// endpoint (without TLS a token goes only to a loopback address).");
        }
        string header = "Bearer " + token;
        return invoker.Intercept(metadata =>
        {
            metadata.Add("authorization", header);
            return metadata;
        });
    }

    private static bool IsLoopback(Uri endpoint) =>
        endpoint.IsLoopback || (IPAddress.TryParse(endpoint.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
