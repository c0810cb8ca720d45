using System.Management.Automation;
using System.Net;
using System.Security;

namespace Fluvio.PowerShell.Commands;

/// <summary>
/// Connect-Fluvio: sets this session's default broker (an endpoint, or a Fluvio profile) and
/// topic. The broker is checked now, so a wrong address fails here rather than at the first send.
/// </summary>
[Cmdlet(VerbsCommunications.Connect, "Fluvio", DefaultParameterSetName = EndpointSet, HelpUri = HelpLinks.Base + "Connect-Fluvio.md")]
[OutputType(typeof(FluvioConnection))]
public sealed class ConnectFluvioCommand : FluvioClientCmdlet
{
    private const string EndpointSet = "Endpoint";
    private const string ProfileSet = "Profile";

    /// <summary>The broker, as for every cmdlet; not together with -Profile.</summary>
    [Parameter(ParameterSetName = EndpointSet)]
    [ValidateNotNullOrEmpty]
    public override string? Endpoint { get; set; }

    /// <summary>A profile of the Fluvio CLI's profile file ($env:FLV_PROFILE_PATH, else ~/.fluvio/config).</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ProfileSet)]
    [ArgumentCompleter(typeof(ProfileNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Profile { get; set; }

    /// <summary>The default topic for Send-FluvioRecord and Receive-FluvioRecord.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(TopicNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Topic { get; set; }

    /// <summary>
    /// The bearer token of a broker started with --token-file (gRPC only), for this session's
    /// connection; a SecureString, so it stays out of the history and transcripts.
    /// </summary>
    [Parameter]
    public SecureString? Token { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    private protected override string? ProfileName => Profile;

    private protected override string? TokenText => Token is null ? null : new NetworkCredential(string.Empty, Token).Password.Trim();

    protected override void EndProcessing()
    {
        var target = Target;
        var topics = Await(Client.ListTopicsAsync(StopToken), target.Endpoint);
        TopicCache.Store(Client.Endpoint, topics.Select(t => t.Name));
        var defaults = FluvioSessionState.Current;
        defaults.Connection = target;
        if (Topic is not null)
        {
            defaults.Topic = Topic;
        }
        WriteVerbose($"Connected to {target} ({topics.Count} topics).");
        if (PassThru)
        {
            WriteObject(new FluvioConnection(target.Endpoint, defaults.Topic, target.Profile));
        }
    }
}
