using System.Management.Automation;
using Fluvio.Client;

namespace Fluvio.PowerShell.Commands;

/// <summary>
/// Remove-FluvioConsumer: deletes a named consumer's committed offsets, as `fluvio consumer delete`.
/// ConfirmImpact Medium: no record is deleted, only the position; the consumer's next read starts
/// from the beginning. So it asks only when -Confirm (or $ConfirmPreference) says so.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "FluvioConsumer", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = HelpLinks.Base + "Remove-FluvioConsumer.md")]
public sealed class RemoveFluvioConsumerCommand : FluvioClientCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Consumer { get; set; } = "";

    /// <summary>Only the offsets on this topic; on every topic when omitted.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(TopicNameCompleter))]
    [Alias("TopicName")]
    public string? Topic { get; set; }

    /// <summary>Only the offset of this partition of -Topic.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateRange(0, int.MaxValue)]
    public int? Partition { get; set; }

    protected override void ProcessRecord()
    {
        if (Partition is { } partition && Topic is null)
        {
            ThrowTerminatingError(FluvioErrors.Create(FluvioErrors.TopicRequired, ErrorCategory.InvalidArgument,
                $"-Partition {partition} is a partition of one topic: name the topic with -Topic.", partition));
        }
        try
        {
            // A consumer that is not there is ConsumerNotFound, not a question or a "What if".
            var committed = Client.ListOffsetsAsync(Consumer, Topic, StopToken).GetAwaiter().GetResult()
                .Where(o => Partition is null || o.Partition == Partition).ToList();
            if (committed.Count == 0)
            {
                WriteError(FluvioErrors.ConsumerNotFoundError(Consumer, Topic, Partition));
                return;
            }
            if (!ShouldProcess(Describe(committed), "Remove"))
            {
                return;
            }
            Client.DeleteOffsetsAsync(Consumer, Topic, Partition, StopToken).GetAwaiter().GetResult();
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
            WriteError(FluvioErrors.From(e, Consumer));
        }
    }

    private string Describe(List<ConsumerOffsetInfo> committed) => committed.Count == 1
        ? $"consumer '{Consumer}' on partition {committed[0].Partition} of topic '{committed[0].Topic}' (offset {committed[0].Offset})"
        : $"consumer '{Consumer}' on {committed.Count} partitions of {string.Join(", ", committed.Select(o => $"'{o.Topic}'").Distinct())}";
}
