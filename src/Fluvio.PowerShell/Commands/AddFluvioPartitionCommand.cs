using System.Globalization;
using System.Management.Automation;
using Fluvio.Client;

namespace Fluvio.PowerShell.Commands;

/// <summary>
/// Add-FluvioPartition: adds partitions to a topic, as `fluvio topic add-partition` does. Asks
/// first (ConfirmImpact High: keys hash modulo the partition count, so most keys go to other
/// partitions afterwards) unless -Force or -Confirm:$false.
/// </summary>
[Cmdlet(VerbsCommon.Add, "FluvioPartition", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, HelpUri = HelpLinks.Base + "Add-FluvioPartition.md")]
[OutputType(typeof(FluvioTopic))]
public sealed class AddFluvioPartitionCommand : FluvioClientCmdlet
{
    /// <summary>The topic; binds from piped names and from the Name property of piped topics.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(TopicNameCompleter))]
    [Alias("Name", "TopicName")]
    public string Topic { get; set; } = "";

    /// <summary>How many partitions to add (Fluvio's default: 1). Not validated here: the broker knows its limits, and its refusal names the field.</summary>
    [Parameter(Position = 1)]
    [PSDefaultValue(Value = 1)]
    public int Count { get; set; } = 1;

    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Writes the topic as it is after the add.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        bool whatIf = MyInvocation.BoundParameters.ContainsKey("WhatIf");
        try
        {
            if (Count < 1)
            {
                // The same refusal the client library makes, before a question is asked about it.
                throw new FluvioException(FluvioErrorCode.InvalidArgument, $"count must be at least 1, {Count.ToString(CultureInfo.InvariantCulture)} given.");
            }
            // A topic that is not there is TopicNotFound, not a question or a "What if".
            var before = Client.DescribeTopicAsync(Topic, StopToken).GetAwaiter().GetResult();
            long after = (long)before.Partitions + Count;
            if (!(Force && !whatIf) && !ShouldProcess(Describe(before.Partitions, after), Warning(before.Partitions, after), "Add partitions"))
            {
                return;
            }
            var grown = Client.AddPartitionsAsync(Topic, Count, StopToken).GetAwaiter().GetResult();
            TopicCache.Invalidate(Client.Endpoint);
            if (PassThru)
            {
                WriteObject(ModelMapping.ToTopic(grown));
            }
        }
        catch (OperationCanceledException) when (StopToken.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
        catch (FluvioException e) when (FluvioErrors.IsFatal(e))
        {
            ThrowTerminatingError(FluvioErrors.From(e, Client.Endpoint));
        }
        catch (FluvioException e)
        {
            WriteError(FluvioErrors.From(e, Topic));
        }
    }

    private string Describe(int before, long after) =>
        $"Adding {Count} partition(s) to topic '{Topic}' ({before} -> {after}). {KeyWarning}";

    private string Warning(int before, long after) =>
        $"Add {Count} partition(s) to topic '{Topic}' ({before} -> {after})? {KeyWarning}";

    /// <summary>What the ShouldProcess texts warn: the partitioner is SipHash(key) mod the partition count.</summary>
    public const string KeyWarning =
        "Keys are hashed modulo the partition count, so most keys will map to different partitions from now on: " +
        "records of one key sent before and after will be in different partitions, and ordering per key holds only within each part.";
}
