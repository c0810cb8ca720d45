using System.Management.Automation;
using Fluvio.Client;

namespace Fluvio.PowerShell.Commands;

/// <summary>A cmdlet that talks to a broker: -Endpoint, resolved as ConnectionResolver says.</summary>
public abstract class FluvioClientCmdlet : FluvioCmdlet
{
    private ConnectionTarget? _target;
    private FluvioClient? _client;

    /// <summary>
    /// The broker: host:port or fluvio://host:port (native Fluvio), http(s)://host:port (gRPC).
    /// Defaults to Connect-Fluvio's, $env:FLUVIO_ENDPOINT, the current Fluvio profile, then the local cluster.
    /// Virtual so that Connect-Fluvio can put it in a parameter set apart from -Profile.
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public virtual string? Endpoint { get; set; }

    /// <summary>A profile the cmdlet names itself (Connect-Fluvio -Profile); it comes right after -Endpoint.</summary>
    private protected virtual string? ProfileName => null;

    /// <summary>A token the cmdlet is given itself (Connect-Fluvio -Token); it goes with the target it resolves.</summary>
    private protected virtual string? TokenText => null;

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

    /// <summary>Where the cmdlet connects; a terminating error when that cannot be worked out.</summary>
    internal ConnectionTarget Target => _target ??= ResolveTarget();

    /// <summary>The client for <see cref="Target"/>.</summary>
    internal FluvioClient Client => _client ??= Connect(Target);

    private ConnectionTarget ResolveTarget()
    {
        ConnectionTarget? target = null;
        try
        {
            target = ConnectionResolver.Resolve(Endpoint, ProfileName);
            if (target is not null && TokenText is { } token)
            {
                target = target with { Options = target.Options with { Token = token } };
            }
        }
        catch (UriFormatException e)
        {
            ThrowTerminatingError(FluvioErrors.Create(FluvioErrors.InvalidEndpoint, ErrorCategory.InvalidArgument, e.Message, Endpoint, e));
        }
        catch (FluvioException e)
        {
            // A profile that cannot be used: the one asked for by name, else the profile file's current one.
            ThrowTerminatingError(FluvioErrors.From(e, ProfileName ?? FluvioConfigFile.DefaultPath));
        }
        if (target is null)
        {
            ThrowTerminatingError(FluvioErrors.Create(FluvioErrors.NoCluster, ErrorCategory.ConnectionError,
                "No Fluvio cluster is set. Start one with Start-FluvioLocalCluster, connect with Connect-Fluvio -Endpoint <uri> or -Profile <name>, " +
                $"or set $env:{ConnectionResolver.EndpointVariable}.", null));
        }
        WriteDebug($"Fluvio endpoint: {target}");
        return target!;
    }

    private FluvioClient Connect(ConnectionTarget target)
    {
        try
        {
            return FluvioSessionState.ClientFor(target);
        }
        catch (FluvioException e)
        {
            // E.g. $env:FLUVIO_TOKEN with a cleartext remote endpoint, or a profile's certificate that does not load.
            ThrowTerminatingError(FluvioErrors.From(e, target.Endpoint));
            throw;
        }
    }
}
