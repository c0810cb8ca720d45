using System.Management.Automation;
using Fluvio.Client;

namespace Fluvio.PowerShell.Commands;

/// <summary>New-FluvioTopic: creates a topic.</summary>
[Cmdlet(VerbsCommon.New, "FluvioTopic", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = HelpLinks.Base + "New-FluvioTopic.md")]
[OutputType(typeof(FluvioTopic))]
public sealed class NewFluvioTopicCommand : FluvioClientCmdlet
{
    /// <summary>Lowercase letters, digits and '-', at most 63 characters (Fluvio's rule).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Topic", "TopicName")]
    public string Name { get; set; } = "";

    [Parameter]
    [ValidateRange(1, 100_000)]
    [PSDefaultValue(Value = 1)]
    public int Partitions { get; set; } = 1;

    [Parameter]
    [ValidateRange(1, 1)]
    [PSDefaultValue(Value = 1)]
    public int ReplicationFactor { get; set; } = 1;

    /// <summary>How long records are kept (default 7 days).</summary>
    [Parameter]
    [PSDefaultValue(Help = "7 days")]
    public TimeSpan? RetentionTime { get; set; }

    /// <summary>Bytes per segment file (default 1 GiB).</summary>
    [Parameter]
    [ValidateRange(1024, long.MaxValue)]
    [PSDefaultValue(Help = "1 GiB (1073741824)")]
    public long? SegmentSize { get; set; }

    /// <summary>Bytes kept per partition before the oldest segments go (default 100 GiB).</summary>
    [Parameter]
    [ValidateRange(1024, long.MaxValue)]
    [PSDefaultValue(Help = "100 GiB (107374182400)")]
    public long? MaxPartitionSize { get; set; }

    [Parameter]
    [PSDefaultValue(Value = "Any")]
    public FluvioTopicCompression Compression { get; set; } = FluvioTopicCompression.Any;

    /// <summary>Accepted for scripts written before the topic was always written; it changes nothing.</summary>
    [Parameter(DontShow = true)]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var spec = new TopicSpec(Name)
        {
            Partitions = Partitions,
            ReplicationFactor = ReplicationFactor,
            Retention = RetentionTime,
            SegmentSize = SegmentSize,
            MaxPartitionSize = MaxPartitionSize,
            Compression = ModelMapping.ToClient(Compression),
        };
        if (!ShouldProcess($"topic '{Name}' with {Partitions} partition(s)", "Create"))
        {
            return;
        }
        try
        {
            var created = Client.CreateTopicAsync(spec, StopToken).GetAwaiter().GetResult();
            TopicCache.Invalidate(Client.Endpoint);
            // As New-Item does: what was made, so `$t = New-FluvioTopic ...` holds it and a table shows it.
            WriteObject(ModelMapping.ToTopic(created));
        }
        catch (FluvioException e) when (FluvioErrors.IsFatal(e))
        {
            ThrowTerminatingError(FluvioErrors.From(e, Client.Endpoint));
        }
        catch (FluvioException e)
        {
            // One bad name among several piped in: report it and go on with the rest.
            WriteError(FluvioErrors.From(e, Name));
        }
    }
}
