using Fluvio.Client;
using ClientProfile = Fluvio.Client.FluvioProfile;

namespace Fluvio.PowerShell;

/// <summary>
/// What a cmdlet connects to: the endpoint, the client options that go with it (a profile's
/// TLS), and the profile it came from, if any. Records compare by value, so one endpoint with
/// two sets of options is two connections.
/// </summary>
internal sealed record ConnectionTarget(Uri Endpoint, FluvioClientOptions Options, string? Profile = null)
{
    public static ConnectionTarget ForEndpoint(Uri endpoint) => new(endpoint, new FluvioClientOptions());

    public static ConnectionTarget ForProfile(ClientProfile profile)
    {
        var (endpoint, options) = profile.ToConnection();
        return new ConnectionTarget(endpoint, options, profile.Name);
    }

    public override string ToString() => Profile is null ? Endpoint.ToString() : $"{Endpoint} (profile '{Profile}')";
}
