using System.Diagnostics;
using System.Management.Automation;
using Fluvio.Client;

namespace Fluvio.PowerShell.Commands;

/// <summary>
/// Import-FluvioTopic: re-sends an export file (docs/EXPORT-FORMAT.md) to a topic with each
/// record's own key, value and timestamp. Streams: one line is read and handed to the producer's
/// batches at a time; acknowledgements are settled as they arrive, never awaited one by one.
/// </summary>
[Cmdlet(VerbsData.Import, "FluvioTopic", HelpUri = HelpLinks.Base + "Import-FluvioTopic.md")]
[OutputType(typeof(FluvioProduceResult))]
public sealed class ImportFluvioTopicCommand : FluvioClientCmdlet
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(1);

    // Records handed to the producer and not yet settled, each holding only its line number: past
    // this many the cmdlet waits for the oldest, so a huge file never piles up futures.
    private const int MaxPending = 256 * 1024;

    private readonly OrderedSends<(long Line, string? Key)> _pending = new();
    private TopicProducer? _producer;
    private string _topic = "";
    private string _file = "";
    private long _failed;

    /// <summary>The export file to read.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    [Parameter(Position = 1)]
    [ArgumentCompleter(typeof(TopicNameCompleter))]
    [Alias("TopicName")]
    public string? Topic { get; set; }

    /// <summary>Each record to the partition it was exported from, not the one its key picks.</summary>
    [Parameter]
    public SwitchParameter PreservePartition { get; set; }

    /// <summary>Writes a result per record (Topic, Partition, Offset, Key), in file order.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void EndProcessing()
    {
        _topic = ResolveTopic(Topic);
        try
        {
            _file = GetResolvedProviderPathFromPSPath(Path, out _).Single();
        }
        catch (ItemNotFoundException e)
        {
            ThrowTerminatingError(FluvioErrors.Create(FluvioErrors.FileNotFound, ErrorCategory.ObjectNotFound, e.Message, Path, e));
        }
        _producer = Await(Client.CreateProducerAsync(_topic, new ProducerOptions(), StopToken), _topic);
        string activity = $"Importing {_file} to Fluvio topic '{_topic}'";
        var clock = Stopwatch.StartNew();
        var lastProgress = TimeSpan.Zero;
        bool progressShown = false;
        long sent = 0;
        using (var stream = new FileStream(_file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16))
        using (var reader = new RecordLineReader(stream, ownsStream: false))
        {
            long length = Math.Max(1, stream.Length);
            while (true)
            {
                RecordLine? line;
                try
                {
                    line = reader.Read();
                }
                catch (FormatException e)
                {
                    // One bad line: say which and import the others, as Send-FluvioRecord does with a line.
                    WriteError(FluvioErrors.Create(FluvioErrors.InvalidExportLine, ErrorCategory.InvalidData,
                        $"{_file}: {e.Message} It was not imported.", $"{_file}:{reader.LineNumber}", e));
                    continue;
                }
                if (line is null)
                {
                    break;
                }
                Send(line, reader.LineNumber);
                if ((++sent & 1023) == 0 && clock.Elapsed - lastProgress >= ProgressInterval)
                {
                    lastProgress = clock.Elapsed;
                    progressShown = true;
                    WriteProgress(new ProgressRecord(0, activity, $"{sent:N0} records sent")
                    {
                        PercentComplete = (int)Math.Min(100, reader.Position * 100 / length),
                    });
                }
            }
        }
        Await(_producer.FlushAsync(StopToken), _topic);
        Settle(waitForAll: true);
        Await(_producer.DisposeAsync().AsTask(), _topic);
        _producer = null;
        if (progressShown)
        {
            WriteProgress(new ProgressRecord(0, activity, "Done") { RecordType = ProgressRecordType.Completed });
        }
        WriteVerbose($"Imported {sent - _failed} records from {_file} to '{_topic}'{(_failed > 0 ? $"; {_failed} failed" : "")}.");
    }

    private void Send(RecordLine line, long lineNumber)
    {
        ProduceFuture future;
        try
        {
            // Without -PreservePartition the producer's partitioner places a keyed record, the
            // official clients' SipHash, so a key lands where it did in the exported topic when
            // both have as many partitions.
            future = _producer!.SendStamped(line.Key, line.HasKey, line.Value, PreservePartition ? line.Partition : null, line.TimestampMs, StopToken);
        }
        catch (OperationCanceledException) when (StopToken.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
        catch (FluvioException e) when (e.Code == FluvioErrorCode.RecordTooLarge)
        {
            _failed++;
            WriteError(FluvioErrors.From(e, $"{_file}:{lineNumber}"));
            return;
        }
        catch (FluvioException e)
        {
            // PartitionNotFound with -PreservePartition: the target has fewer partitions, and the
            // lines after this one would fail the same way.
            ThrowTerminatingError(FluvioErrors.From(e, $"{_file}:{lineNumber}"));
            return;
        }
        // The key as text only where a result will show it.
        _pending.Add(future, (lineNumber, PassThru && line.HasKey ? System.Text.Encoding.UTF8.GetString(line.Key) : null));
        Settle(waitForAll: false, waitForOldest: _pending.Count >= MaxPending);
    }

    private void Settle(bool waitForAll, bool waitForOldest = false)
    {
        while (_pending.Count > 0 && (waitForAll || waitForOldest || _pending.OldestSettled))
        {
            waitForOldest = false;
            SendOutcome<(long Line, string? Key)> outcome;
            try
            {
                outcome = _pending.TakeOldest(StopToken);
            }
            catch (OperationCanceledException) when (StopToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            string target = $"{_file}:{outcome.Tag.Line}";
            if (outcome.Error is { } e)
            {
                _failed++;
                if (FluvioErrors.IsFatal(e))
                {
                    ThrowTerminatingError(FluvioErrors.From(
                        new FluvioException(e.Code, $"{e.Message} The records from line {outcome.Tag.Line} on were not confirmed as imported.", e), target));
                }
                WriteError(FluvioErrors.From(e, target));
                continue;
            }
            if (PassThru)
            {
                WriteObject(new FluvioProduceResult(_topic, outcome.Metadata.Partition, outcome.Metadata.Offset, outcome.Tag.Key));
            }
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && _producer is not null)
        {
            _ = _producer.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(2));
            _producer = null;
        }
        base.Dispose(disposing);
    }
}
