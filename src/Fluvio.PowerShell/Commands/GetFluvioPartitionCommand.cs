using System.Management.Automation;

namespace Fluvio.PowerShell.Commands;

/// <summary>Get-FluvioPartition: partitions with leader, log start, end offset and size.</summary>
[Cmdlet(VerbsCommon.Get, "FluvioPartition", HelpUri = HelpLinks.Base + "Get-FluvioPartition.md")]
[OutputType(typeof(FluvioPartition))]
public sealed class GetFluvioPartitionCommand : FluvioClientCmdlet
{
    /// <summary>The topic; every topic when omitted.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(TopicNameCompleter))]
    [Alias("Name", "TopicName")]
    public string? Topic { get; set; }

    protected override void ProcessRecord()
    {
        var partitions = Await(Client.ListPartitionsAsync(Topic, StopToken), Topic);
        WriteObject(partitions.Select(ModelMapping.ToPartition), enumerateCollection: true);
    }
}
