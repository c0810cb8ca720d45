using System.Diagnostics;
using System.Management.Automation;
using Fluvio.Client;

namespace Fluvio.PowerShell.Commands;

/// <summary>
/// Export-FluvioTopic: a topic's records to a JSON Lines file (docs/EXPORT-FORMAT.md), partition
/// by partition in offset order, so the same records always make the same file. Streams: each
/// record is written out as it is read; nothing is collected.
/// </summary>
[Cmdlet(VerbsData.Export, "FluvioTopic", HelpUri = HelpLinks.Base + "Export-FluvioTopic.md")]
[OutputType(typeof(FileInfo))]
public sealed class ExportFluvioTopicCommand : FluvioClientCmdlet
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(1);

    [Parameter(Position = 0)]
    [ArgumentCompleter(typeof(TopicNameCompleter))]
    [Alias("Name", "TopicName")]
    public string? Topic { get; set; }

    /// <summary>The file to write (replaced when it exists).</summary>
    [Parameter(Mandatory = true, Position = 1)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    /// <summary>Partitions to export, in this order; all of them, in order, when omitted.</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int[]? Partition { get; set; }

    /// <summary>The first offset to export in each partition (inclusive).</summary>
    [Parameter]
    [ValidateRange(0, long.MaxValue)]
    public long? StartOffset { get; set; }

    /// <summary>The last offset to export in each partition (inclusive).</summary>
    [Parameter]
    [ValidateRange(0, long.MaxValue)]
    public long? EndOffset { get; set; }

    /// <summary>Writes the file's FileInfo when done.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void EndProcessing()
    {
        string topic = ResolveTopic(Topic);
        if (StartOffset > EndOffset)
        {
            ThrowTerminatingError(FluvioErrors.Create(FluvioErrors.InvalidRange, ErrorCategory.InvalidArgument,
                $"-StartOffset {StartOffset} is after -EndOffset {EndOffset}.", EndOffset));
        }
        var partitions = Await(Client.ListPartitionsAsync(topic, StopToken), topic).OrderBy(p => p.Partition).ToList();
        if (Partition is not null)
        {
            var byNumber = partitions.ToDictionary(p => p.Partition);
            var missing = Partition.Where(p => !byNumber.ContainsKey(p)).ToList();
            if (missing.Count > 0)
            {
                ThrowTerminatingError(FluvioErrors.From(new FluvioException(FluvioErrorCode.PartitionNotFound,
                    $"Topic '{topic}' has {partitions.Count} partition(s); there is no partition {string.Join(", ", missing)}."), topic));
            }
            partitions = Partition.Distinct().Select(p => byNumber[p]).ToList();
        }

        // Each partition's range, fixed now: the end offset seen at the start, as Receive-FluvioRecord reads.
        var ranges = partitions
            .Select(p => (p.Partition, First: Math.Max(StartOffset ?? p.LogStart, p.LogStart), Last: Math.Min(EndOffset ?? long.MaxValue, p.EndOffset - 1)))
            .Where(r => r.First <= r.Last)
            .ToList();
        long total = ranges.Sum(r => r.Last - r.First + 1);

        string file = GetUnresolvedProviderPathFromPSPath(Path);
        string activity = $"Exporting Fluvio topic '{topic}' to {file}";
        var clock = Stopwatch.StartNew();
        var lastProgress = TimeSpan.Zero;
        bool progressShown = false;
        using (var writer = new RecordLineWriter(new FileStream(file, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16)))
        {
            foreach (var (partition, first, last) in ranges)
            {
                var options = new ConsumerOptions { Partitions = [partition], Start = ConsumerStart.AtOffset(first), EndOffset = last };
                var records = Client.ConsumeAsync(topic, options, StopToken).GetAsyncEnumerator(StopToken);
                try
                {
                    while (Next(records, topic))
                    {
                        writer.Write(records.Current);
                        if ((writer.Count & 1023) == 0 && clock.Elapsed - lastProgress >= ProgressInterval)
                        {
                            lastProgress = clock.Elapsed;
                            progressShown = true;
                            WriteProgress(new ProgressRecord(0, activity, $"{writer.Count:N0} of {total:N0} records (partition {partition})")
                            {
                                PercentComplete = total == 0 ? 100 : (int)Math.Min(100, writer.Count * 100 / total),
                            });
                        }
                    }
                }
                finally
                {
                    _ = records.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(5));
                }
            }
            WriteVerbose($"Exported {writer.Count} records of '{topic}' to {file}.");
        }
        if (progressShown)
        {
            WriteProgress(new ProgressRecord(0, activity, "Done") { RecordType = ProgressRecordType.Completed });
        }
        if (PassThru)
        {
            WriteObject(new FileInfo(file));
        }
    }

    /// <summary>Moves to the next record, waiting only when none is buffered yet.</summary>
    private bool Next(IAsyncEnumerator<ConsumerRecord> records, string topic)
    {
        var next = records.MoveNextAsync();
        return next.IsCompletedSuccessfully ? next.Result : Await(next.AsTask(), topic);
    }
}
