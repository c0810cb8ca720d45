using System.Management.Automation;
using Fluvio.Client;

namespace Fluvio.PowerShell.Commands;

/// <summary>A cmdlet that talks to a broker: -Endpoint, resolved as ConnectionResolver says.</summary>
public abstract class FluvioClientCmdlet : FluvioCmdlet
{
    private FluvioClient? _client;

    /// <summary>The broker: http://host:port, or host:port. Defaults to Connect-Fluvio's, $env:FLUVIO_ENDPOINT, then the local cluster.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Endpoint { get; set; }

    /// <summary>The topic to use: the parameter, else the session's default; a terminating TopicRequired error when there is none.</summary>
    protected string ResolveTopic(string? parameter)
    {
        if (ConnectionResolver.ResolveTopic(parameter) is { } topic)
        {
            return topic;
        }
        ThrowTerminatingError(FluvioErrors.Create(FluvioErrors.TopicRequired, ErrorCategory.InvalidArgument,
            $"No topic given. Pass -Topic, set a default with Connect-Fluvio -Topic <name>, or set $env:{ConnectionResolver.TopicVariable}.", null));
        throw new InvalidOperationException(); // not reached: ThrowTerminatingError always throws
    }

    /// <summary>The client for the resolved endpoint; a terminating NoCluster error when there is none.</summary>
    internal FluvioClient Client => _client ??= Connect();

    private FluvioClient Connect()
    {
        Uri? endpoint;
        try
        {
            endpoint = ConnectionResolver.ResolveEndpoint(Endpoint);
        }
        catch (UriFormatException e)
        {
            ThrowTerminatingError(FluvioErrors.Create(FluvioErrors.InvalidEndpoint, ErrorCategory.InvalidArgument,
                $"'{Endpoint}' is not a broker endpoint. Give http://host:port or host:port.", Endpoint, e));
            throw;
        }
        if (endpoint is null)
        {
            ThrowTerminatingError(FluvioErrors.Create(FluvioErrors.NoCluster, ErrorCategory.ConnectionError,
                "No Fluvio cluster is set. Start one with Start-FluvioLocalCluster, connect with Connect-Fluvio -Endpoint <uri>, " +
                $"or set $env:{ConnectionResolver.EndpointVariable}.", null));
        }
        WriteDebug($"Fluvio endpoint: {endpoint}");
        try
        {
            return FluvioSessionState.ClientFor(endpoint!);
        }
        catch (FluvioException e)
        {
            // E.g. $env:FLUVIO_TOKEN with a cleartext remote endpoint: say so, and do not keep the failure.
            FluvioSessionState.Forget(endpoint!);
            ThrowTerminatingError(FluvioErrors.From(e, endpoint));
            throw;
        }
    }
}
