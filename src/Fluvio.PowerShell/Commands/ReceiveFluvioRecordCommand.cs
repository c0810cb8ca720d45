using System.Management.Automation;
using System.Text.Json;
using Fluvio.Client;
using Fluvio.Protocol.Records;

namespace Fluvio.PowerShell.Commands;

/// <summary>
/// Receive-FluvioRecord: modelled on Get-Content. By default it reads every partition from the
/// beginning to the end offsets seen when it starts, then stops; -Continuous keeps waiting
/// like Get-Content -Wait. Records stream out one by one as they arrive.
/// </summary>
[Cmdlet(VerbsCommunications.Receive, "FluvioRecord", DefaultParameterSetName = BeginningSet, HelpUri = HelpLinks.Base + "Receive-FluvioRecord.md")]
[OutputType(typeof(FluvioRecord))]
public sealed class ReceiveFluvioRecordCommand : SmartModuleCmdlet
{
    private const string BeginningSet = "FromBeginning";
    private const string OffsetSet = "Offset";
    private const string TailSet = "Tail";
    private const string SinceSet = "Since";

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

    /// <summary>
    /// Start each partition at its first record stamped at or after this time, found by a binary
    /// search over the partition's batch timestamps (a few small reads, not a read from the
    /// start). A DateTime of Kind Unspecified (what a typed date gives) is local time, as
    /// Get-Date is; Utc and Local dates mean what they say. The search assumes timestamps do not
    /// decrease along a partition; from the record found on, every record is written. A time
    /// after the last record writes nothing, or with -Continuous waits for newer records.
    /// </summary>
    [Parameter(Mandatory = true, ParameterSetName = SinceSet)]
    public DateTime Since { get; set; }

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

    /// <summary>
    /// Upper bound on the bytes of one fetch answer, 1 to 67108864 (64 MiB); the default is 1 MiB.
    /// Fluvio's own CLI calls it --maxbytes. A real SPU cuts an answer at this size, so keep it
    /// above the largest batch; the local broker always sends one whole batch.
    /// </summary>
    [Parameter]
    [ValidateRange(1, ConsumerOptions.MaxMaxBytes)]
    public int MaxBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// ReadCommitted (the default: only records the cluster has replicated) or ReadUncommitted
    /// (up to the leader's log end, the Fluvio CLI's default). The local broker is one node, so
    /// both read the same records there.
    /// </summary>
    [Parameter]
    public FluvioIsolation Isolation { get; set; } = FluvioIsolation.ReadCommitted;

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

    /// <summary>An Unspecified date is local time, as PowerShell users read Get-Date.</summary>
    internal static DateTimeOffset ToInstant(DateTime time) =>
        time.Kind == DateTimeKind.Utc ? new DateTimeOffset(time) : new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Local));

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
                SinceSet => ConsumerStart.AtTime(ToInstant(Since)),
                _ => ConsumerStart.Beginning,
            },
            Continuous = Continuous,
            EndOffset = End,
            Consumer = Consumer,
            MaxBytes = MaxBytes,
            Isolation = ModelMapping.ToIsolation(Isolation),
        };
        options = options with { SmartModules = SmartModules() };
        var committed = Consumer is null ? null : new OffsetCommitter(Client, Consumer, topic);
        // A batch at a time: the FluvioRecord written is the only object made per record.
        var batches = Client.ConsumeBatchesAsync(topic, options, StopToken).GetAsyncEnumerator(StopToken);
        try
        {
            long count = 0;
            while (count != Count && Next(batches, topic))
            {
                var batch = batches.Current;
                var records = batch.Records;
                for (int i = 0; i < records.Count && count != Count; i++)
                {
                    var record = records[i];
                    Write(batch, record);
                    committed?.Consumed(batch.Partition, record.Offset);
                    count++;
                }
            }
        }
        finally
        {
            // Also on a stopped pipeline: what was written downstream has been consumed.
            _ = batches.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(5));
            // Bounded: a stopped pipeline must not hang on a broker that went away.
            if (committed?.CommitAll(TimeSpan.FromSeconds(10)) is { } problem && !StopToken.IsCancellationRequested)
            {
                WriteWarning($"Consumer '{Consumer}' could not commit its offset: {problem} The next read may repeat records.");
            }
        }
    }

    private void Write(ConsumerRecordBatch batch, in BatchRecord record)
    {
        if (!AsJson)
        {
            WriteObject(new FluvioRecord(batch.Topic, batch.Partition, record.Offset, record.Timestamp, record.HasKey, record.Key, record.Value));
            return;
        }
        try
        {
            WriteObject(RecordOrigin.Attach(PSObjectJson.Parse(record.Value.Span), batch.Partition, record));
        }
        catch (JsonException e)
        {
            var fluvioRecord = new FluvioRecord(batch.Topic, batch.Partition, record.Offset, record.Timestamp, record.HasKey, record.Key, record.Value);
            WriteError(FluvioErrors.Create(FluvioErrors.InvalidJson, ErrorCategory.InvalidData,
                $"The value at partition {batch.Partition}, offset {record.Offset} is not JSON: {e.Message}", fluvioRecord, e));
        }
    }

    /// <summary>Moves to the next batch, waiting only when none is buffered yet.</summary>
    private bool Next(IAsyncEnumerator<ConsumerRecordBatch> batches, string topic)
    {
        var next = batches.MoveNextAsync();
        return next.IsCompletedSuccessfully ? next.Result : Await(next.AsTask(), topic);
    }
}
