using System.Management.Automation;

namespace Fluvio.PowerShell.Commands;

/// <summary>
/// Connect-Fluvio: sets this session's default broker and topic. The broker is checked now, so
/// a wrong address fails here rather than at the first send.
/// </summary>
[Cmdlet(VerbsCommunications.Connect, "Fluvio")]
[OutputType(typeof(FluvioConnection))]
public sealed class ConnectFluvioCommand : FluvioClientCmdlet
{
    /// <summary>The default topic for Send-FluvioRecord and Receive-FluvioRecord.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(TopicNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Topic { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void EndProcessing()
    {
        var topics = Await(Client.ListTopicsAsync(StopToken), Client.Endpoint);
        TopicCache.Store(Client.Endpoint, topics.Select(t => t.Name));
        var defaults = FluvioSessionState.Current;
        defaults.Endpoint = Client.Endpoint;
        if (Topic is not null)
        {
            defaults.Topic = Topic;
        }
        WriteVerbose($"Connected to {Client.Endpoint} ({topics.Count} topics).");
        if (PassThru)
        {
            WriteObject(new FluvioConnection(Client.Endpoint, defaults.Topic));
        }
    }
}
