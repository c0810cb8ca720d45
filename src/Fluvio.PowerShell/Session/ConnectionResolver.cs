using Fluvio.Client;
using Fluvio.Client.LocalCluster;
using Fluvio.PowerShell.Loading;

namespace Fluvio.PowerShell;

/// <summary>
/// Which broker a cmdlet talks to: its -Endpoint (or Connect-Fluvio's -Profile), else
/// Connect-Fluvio's, else $env:FLUVIO_ENDPOINT, else the current profile of the Fluvio CLI's
/// profile file, else the running local cluster.
/// </summary>
internal static class ConnectionResolver
{
    public const string EndpointVariable = "FLUVIO_ENDPOINT";
    public const string TopicVariable = "FLUVIO_TOPIC";

    /// <summary>
    /// Null when nothing is set anywhere. A bad endpoint throws UriFormatException; a profile
    /// that cannot be used throws FluvioException (ProfileNotFound, InvalidArgument).
    /// </summary>
    public static ConnectionTarget? Resolve(string? endpoint, string? profile = null) =>
        (endpoint is { Length: > 0 } ? ForEndpoint(endpoint) : null)
        ?? (profile is { Length: > 0 } ? ForProfile(profile) : null)
        ?? FluvioSessionState.Current.Connection
        ?? (Environment.GetEnvironmentVariable(EndpointVariable) is { Length: > 0 } fromEnvironment ? ForEndpoint(fromEnvironment) : null)
        ?? CurrentProfile()
        ?? (LocalCluster().Get()?.Endpoint is { } local ? ConnectionTarget.ForEndpoint(local) : null);

    public static string? ResolveTopic(string? parameter) =>
        parameter is { Length: > 0 } ? parameter
        : FluvioSessionState.Current.Topic
        ?? (Environment.GetEnvironmentVariable(TopicVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : null);

    public static LocalClusterManager LocalCluster() =>
        new(LocalClusterManager.DefaultStateDirectory, Path.Combine(ModuleInitializer.ModuleDirectory, "broker", "fluvio-broker.dll"));

    public static ConnectionTarget ForEndpoint(string text) => ConnectionTarget.ForEndpoint(ParseEndpoint(text));

    /// <summary>The named profile of the profile file ($FLV_PROFILE_PATH, else ~/.fluvio/config).</summary>
    public static ConnectionTarget ForProfile(string name) =>
        ConnectionTarget.ForProfile(FluvioConfigFile.LoadProfile(FluvioConfigFile.DefaultPath, name));

    /// <summary>The file's current profile; null when there is no file or it names no current profile.</summary>
    public static ConnectionTarget? CurrentProfile()
    {
        string path = FluvioConfigFile.DefaultPath;
        return File.Exists(path) && FluvioConfigFile.Load(path).CurrentProfile is { } current ? ConnectionTarget.ForProfile(current) : null;
    }

    /// <summary>
    /// grpc://, http://, https:// (gRPC); fluvio://host:port or a bare host:port, as `fluvio -c`
    /// takes it (native Fluvio; port 9003 when none is given).
    /// </summary>
    public static Uri ParseEndpoint(string text) =>
        FluvioEndpoint.TryParse(text, out var endpoint)
            ? endpoint
            : throw new UriFormatException(
                $"'{text}' is not a broker endpoint. Give host:port or fluvio://host:port (native Fluvio), or http://host:port or https://host:port (gRPC).");
}
