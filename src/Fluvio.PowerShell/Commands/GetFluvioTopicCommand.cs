using System.Management.Automation;

namespace Fluvio.PowerShell.Commands;

/// <summary>Get-FluvioTopic: lists topics, optionally by name with wildcards.</summary>
[Cmdlet(VerbsCommon.Get, "FluvioTopic", HelpUri = HelpLinks.Base + "Get-FluvioTopic.md")]
[OutputType(typeof(FluvioTopic))]
public sealed class GetFluvioTopicCommand : FluvioClientCmdlet
{
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(TopicNameCompleter))]
    [Alias("Topic", "TopicName")]
    [SupportsWildcards]
    public string[]? Name { get; set; }

    protected override void ProcessRecord()
    {
        var topics = Await(Client.ListTopicsAsync(StopToken));
        TopicCache.Store(Client.Endpoint, topics.Select(t => t.Name));
        if (Name is null)
        {
            WriteObject(topics.Select(ModelMapping.ToTopic), enumerateCollection: true);
            return;
        }
        foreach (string name in Name)
        {
            var pattern = WildcardPattern.Get(name, WildcardOptions.IgnoreCase);
            var matches = topics.Where(t => pattern.IsMatch(t.Name)).ToList();
            if (matches.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(name))
            {
                WriteError(new ErrorRecord(new ItemNotFoundException($"Topic '{name}' not found."), "TopicNotFound", ErrorCategory.ObjectNotFound, name));
            }
            WriteObject(matches.Select(ModelMapping.ToTopic), enumerateCollection: true);
        }
    }
}
