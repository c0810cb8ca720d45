using System.Globalization;
using System.Management.Automation;
using Fluvio.Client;

namespace Fluvio.PowerShell.Commands;

/// <summary>
/// Wait-FluvioConsumer: returns once a named consumer has caught up with a topic (its lag is at
/// most -MaxLag), or fails with ConsumerLagTimeout at -Timeout. A gate for scripts, so it writes
/// nothing unless -PassThru, as Wait-Process: the script's own output stays its own.
/// </summary>
[Cmdlet(VerbsLifecycle.Wait, "FluvioConsumer", HelpUri = HelpLinks.Base + "Wait-FluvioConsumer.md")]
[OutputType(typeof(FluvioConsumer))]
public sealed class WaitFluvioConsumerCommand : FluvioClientCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Consumer { get; set; } = "";

    /// <summary>The topic; the session's default topic when omitted.</summary>
    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(TopicNameCompleter))]
    [Alias("TopicName")]
    public string? Topic { get; set; }

    /// <summary>Only this partition's lag; the whole topic's when omitted.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateRange(0, int.MaxValue)]
    public int? Partition { get; set; }

    /// <summary>The total lag (records not consumed yet) that counts as caught up.</summary>
    [Parameter]
    [ValidateRange(0, long.MaxValue)]
    [PSDefaultValue(Value = 0)]
    public long MaxLag { get; set; }

    /// <summary>How long to wait; no limit when omitted.</summary>
    [Parameter]
    [PSDefaultValue(Help = "no limit")]
    public TimeSpan? Timeout { get; set; }

    /// <summary>Writes the consumer's position in each partition waited on.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        string topic = ResolveTopic(Topic);
        WriteVerbose($"Waiting for consumer '{Consumer}' to lag at most {MaxLag} record(s) on topic '{topic}'" +
            (Partition is { } p ? $", partition {p}" : "") + (Timeout is { } t ? $", for at most {t}." : "."));
        var wait = Await(Client.WaitForConsumerLagAsync(Consumer, topic, Partition, MaxLag, Timeout, ct: StopToken), topic);
        if (!wait.CaughtUp)
        {
            ThrowTerminatingError(FluvioErrors.Create(FluvioErrors.ConsumerLagTimeout, ErrorCategory.OperationTimeout,
                $"Consumer '{Consumer}' still lags {wait.TotalLag} record(s) behind topic '{topic}' after {Timeout!.Value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s: it may lag at most {MaxLag}. " +
                $"By partition: {string.Join(", ", wait.Partitions.Select(l => $"{l.Partition}: {l.Lag}"))}.", Consumer));
        }
        WriteVerbose($"Consumer '{Consumer}' lags {wait.TotalLag} record(s) on topic '{topic}'.");
        if (PassThru)
        {
            WriteObject(wait.Partitions.Select(ModelMapping.ToConsumer), enumerateCollection: true);
        }
    }
}
