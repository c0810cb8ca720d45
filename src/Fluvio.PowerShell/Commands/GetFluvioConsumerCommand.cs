using System.Management.Automation;

namespace Fluvio.PowerShell.Commands;

/// <summary>Get-FluvioConsumer: named consumers' committed offsets with their lag, as `fluvio consumer list` lists them.</summary>
[Cmdlet(VerbsCommon.Get, "FluvioConsumer", HelpUri = HelpLinks.Base + "Get-FluvioConsumer.md")]
[OutputType(typeof(FluvioConsumer))]
public sealed class GetFluvioConsumerCommand : FluvioClientCmdlet
{
    /// <summary>Consumer names or patterns; every consumer when omitted.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    public string[]? Consumer { get; set; }

    /// <summary>Only this topic's offsets; every topic's when omitted (the session's default topic does not apply: this is a filter).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(TopicNameCompleter))]
    [Alias("TopicName")]
    public string? Topic { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateRange(0, int.MaxValue)]
    public int? Partition { get; set; }

    protected override void ProcessRecord()
    {
        if (Consumer is null)
        {
            Write(List(null));
            return;
        }
        foreach (string name in Consumer)
        {
            if (WildcardPattern.ContainsWildcardCharacters(name))
            {
                var pattern = WildcardPattern.Get(name, WildcardOptions.IgnoreCase);
                Write(List(null).Where(c => pattern.IsMatch(c.Consumer)));
                continue;
            }
            var found = List(name);
            if (found.Count == 0)
            {
                WriteError(FluvioErrors.ConsumerNotFoundError(name, Topic, Partition));
            }
            Write(found);
        }
    }

    private IReadOnlyList<Fluvio.Client.ConsumerLag> List(string? consumer) =>
        Await(Client.ListConsumerLagAsync(consumer, Topic, Partition, StopToken), (object?)Topic ?? consumer);

    private void Write(IEnumerable<Fluvio.Client.ConsumerLag> lags) => WriteObject(lags.Select(ModelMapping.ToConsumer), enumerateCollection: true);
}
