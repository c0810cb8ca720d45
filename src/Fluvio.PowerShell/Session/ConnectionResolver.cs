using Fluvio.Client.LocalCluster;
using Fluvio.PowerShell.Loading;

namespace Fluvio.PowerShell;

/// <summary>
/// Which broker a cmdlet talks to: its -Endpoint, else Connect-Fluvio's, else
/// $env:FLUVIO_ENDPOINT, else the running local cluster.
/// </summary>
internal static class ConnectionResolver
{
    public const string EndpointVariable = "FLUVIO_ENDPOINT";
    public const string TopicVariable = "FLUVIO_TOPIC";

    public static Uri? ResolveEndpoint(string? parameter) =>
        (parameter is { Length: > 0 } ? ParseEndpoint(parameter) : null)
        ?? FluvioSessionState.Current.Endpoint
        ?? (Environment.GetEnvironmentVariable(EndpointVariable) is { Length: > 0 } fromEnvironment ? ParseEndpoint(fromEnvironment) : null)
        ?? LocalCluster().Get()?.Endpoint;

    public static string? ResolveTopic(string? parameter) =>
        parameter is { Length: > 0 } ? parameter
        : FluvioSessionState.Current.Topic
        ?? (Environment.GetEnvironmentVariable(TopicVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : null);

    public static LocalClusterManager LocalCluster() =>
        new(LocalClusterManager.DefaultStateDirectory, Path.Combine(ModuleInitializer.ModuleDirectory, "broker", "fluvio-broker.dll"));

    /// <summary>Accepts a full URI or a bare host:port (taken as gRPC over cleartext HTTP/2).</summary>
    public static Uri ParseEndpoint(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "grpc"
            ? (uri.Scheme == "grpc" ? new UriBuilder(uri) { Scheme = "http" }.Uri : uri)
            : new Uri("http://" + text);
}
