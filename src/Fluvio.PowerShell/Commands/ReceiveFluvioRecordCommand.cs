using System.Management.Automation;
using System.Text.Json;
using Fluvio.Client;

namespace Fluvio.PowerShell.Commands;

/// <summary>
/// Receive-FluvioRecord: modelled on Get-Content. By default it reads every partition from the
/// beginning to the end offsets seen when it starts, then stops; -Continuous keeps waiting
/// like Get-Content -Wait. Records stream out one by one as they arrive.
/// </summary>
[Cmdlet(VerbsCommunications.Receive, "FluvioRecord", DefaultParameterSetName = BeginningSet, HelpUri = HelpLinks.Base + "Receive-FluvioRecord.md")]
[OutputType(typeof(FluvioRecord))]
public sealed partial class ReceiveFluvioRecordCommand : FluvioClientCmdlet
{
    private const string BeginningSet = "FromBeginning";
    private const string OffsetSet = "Offset";
    private const string TailSet = "Tail";

    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(TopicNameCompleter))]
    [Alias("Name", "TopicName")]
    public string? Topic { get; set; }

    /// <summary>Partitions to read; all of them when omitted (merged, order kept within each).</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int[]? Partition { get; set; }

    /// <summary>Start at this offset of each partition named by -Partition, which it requires.</summary>
    [Parameter(Mandatory = true, ParameterSetName = OffsetSet)]
    [ValidateRange(0, long.MaxValue)]
    public long Offset { get; set; }

    /// <summary>Start this many records before the end of each partition.</summary>
    [Parameter(Mandatory = true, ParameterSetName = TailSet)]
    [ValidateRange(0, int.MaxValue)]
    public int Tail { get; set; }

    /// <summary>Start at the first stored record (the default).</summary>
    [Parameter(ParameterSetName = BeginningSet)]
    public SwitchParameter FromBeginning { get; set; }

    /// <summary>Stop after this offset (inclusive).</summary>
    [Parameter]
    [ValidateRange(0, long.MaxValue)]
    public long? End { get; set; }

    /// <summary>Stop after this many records.</summary>
    [Parameter]
    [ValidateRange(1, long.MaxValue)]
    public long? Count { get; set; }

    /// <summary>Keep waiting for new records until stopped (Ctrl+C, Select-Object -First, -Count).</summary>
    [Parameter]
    public SwitchParameter Continuous { get; set; }

    /// <summary>A named consumer: resume after its committed offset, and commit what was read.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Consumer { get; set; }

    /// <summary>Write each value parsed from JSON into an object instead of the record.</summary>
    [Parameter]
    public SwitchParameter AsJson { get; set; }

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        if (ParameterSetName == OffsetSet && Partition is null)
        {
            // An offset is a position in one partition: offset 3 of partition 0 and of partition 1
            // are unrelated records, and a shorter partition would fail after the others printed.
            ThrowTerminatingError(FluvioErrors.Create(FluvioErrors.PartitionRequired, ErrorCategory.InvalidArgument,
                $"-Offset {Offset} is a position in one partition: name the partition with -Partition. To start every partition at the same place, use -FromBeginning or -Tail.",
                Offset));
        }
    }

    protected override void ProcessRecord()
    {
        string topic = ResolveTopic(Topic);
        var options = new ConsumerOptions
        {
            Partitions = Partition,
            Start = ParameterSetName switch
            {
                OffsetSet => ConsumerStart.AtOffset(Offset),
                TailSet => ConsumerStart.FromEnd(Tail),
                _ => ConsumerStart.Beginning,
            },
            Continuous = Continuous,
            EndOffset = End,
            Consumer = Consumer,
        };
        options = options with { SmartModules = SmartModules() };
        var committed = Consumer is null ? null : new OffsetCommitter(Client, Consumer, topic);
        var records = Client.ConsumeAsync(topic, options, StopToken).GetAsyncEnumerator(StopToken);
        try
        {
            long count = 0;
            while (Next(records, topic))
            {
                var record = records.Current;
                Write(record);
                committed?.Consumed(record.Partition, record.Offset);
                if (++count == Count)
                {
                    break;
                }
            }
        }
        finally
        {
            // Also on a stopped pipeline: what was written downstream has been consumed.
            _ = records.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(5));
            // Bounded: a stopped pipeline must not hang on a broker that went away.
            if (committed?.CommitAll(TimeSpan.FromSeconds(10)) is { } problem && !StopToken.IsCancellationRequested)
            {
                WriteWarning($"Consumer '{Consumer}' could not commit its offset: {problem} The next read may repeat records.");
            }
        }
    }

    private void Write(ConsumerRecord record)
    {
        if (!AsJson)
        {
            WriteObject(new FluvioRecord(record.Topic, record.Partition, record.Offset, record.TimestampMs, record.HasKey, record.Key, record.Value));
            return;
        }
        try
        {
            WriteObject(RecordOrigin.Attach(PSObjectJson.Parse(record.Value.Span), record));
        }
        catch (JsonException e)
        {
            var fluvioRecord = new FluvioRecord(record.Topic, record.Partition, record.Offset, record.TimestampMs, record.HasKey, record.Key, record.Value);
            WriteError(FluvioErrors.Create(FluvioErrors.InvalidJson, ErrorCategory.InvalidData,
                $"The value at partition {record.Partition}, offset {record.Offset} is not JSON: {e.Message}", fluvioRecord, e));
        }
    }

    /// <summary>Moves to the next record, waiting only when none is buffered yet.</summary>
    private bool Next(IAsyncEnumerator<ConsumerRecord> records, string topic)
    {
        var next = records.MoveNextAsync();
        return next.IsCompletedSuccessfully ? next.Result : Await(next.AsTask(), topic);
    }
}
