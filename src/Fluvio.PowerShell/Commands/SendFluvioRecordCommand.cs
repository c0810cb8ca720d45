using System.Diagnostics;
using System.Management.Automation;
using System.Text;
using Fluvio.Client;

namespace Fluvio.PowerShell.Commands;

/// <summary>
/// Send-FluvioRecord: records in, stream out. Each record is only enqueued in ProcessRecord
/// (encoded straight into its partition's batch); acknowledgements are settled as they arrive
/// and at the end, never awaited one by one.
/// </summary>
[Cmdlet(VerbsCommunications.Send, "FluvioRecord", DefaultParameterSetName = TextSet, HelpUri = HelpLinks.Base + "Send-FluvioRecord.md")]
[OutputType(typeof(FluvioProduceResult))]
public sealed class SendFluvioRecordCommand : SmartModuleCmdlet
{
    private const string TextSet = "Text";
    private const string ObjectSet = "Object";
    private const string PathSet = "Path";
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(1);

    // Lines read from -Path files and sent, not yet settled: each holds its line for an error
    // message, a string this cmdlet made, which the producer's byte budget does not count (10 M
    // lines peaked at 323 MB without this bound). Past this many the cmdlet waits for the oldest
    // before reading on. Piped input is not bounded here: the caller holds those objects anyway,
    // and waiting would slow the pipeline (acks trail a burst by a few hundred ms).
    private const int MaxPending = 256 * 1024;

    private readonly OrderedSends<PendingRecord> _pending = new();
    private readonly Stopwatch _clock = new();
    private TopicProducer? _producer;
    private string _topic = "";
    private bool _verbose;
    private byte[] _keyBuffer = new byte[256];
    private byte[] _valueBuffer = new byte[1024];

    // The file and 1-based line of -Path being sent (0: not a file's line). A pending record keeps
    // these instead of the line's text: 256 Ki pending lines held as strings were 20+ MB that
    // outlived gen-0 and grew the heap by 40-50 MB while 10 M lines were sent.
    private string? _file;
    private long _lineOfFile;
    private long _sent;
    private long _failed;
    private TimeSpan _lastProgress;
    private bool _progressShown;

    [Parameter(Position = 0)]
    [ArgumentCompleter(typeof(TopicNameCompleter))]
    [Alias("TopicName")]
    public string? Topic { get; set; }

    /// <summary>A line of text: the value, or key and value with -KeySeparator.</summary>
    // Not Mandatory: PowerShell re-checks mandatory parameters for every piped object, a cost
    // paid a million times in a bulk send. A call with no input at all is refused in ProcessRecord.
    [Parameter(ValueFromPipeline = true, ParameterSetName = TextSet)]
    [AllowEmptyString]
    [AllowNull]
    public string? Value { get; set; }

    /// <summary>An object: sent as JSON, or its -ValueProperty; byte arrays go as bytes.</summary>
    [Parameter(ValueFromPipeline = true, ParameterSetName = ObjectSet)]
    [AllowNull]
    public PSObject? InputObject { get; set; }

    /// <summary>Files whose lines are sent, read directly (faster than piping Get-Content).</summary>
    [Parameter(Mandatory = true, ParameterSetName = PathSet)]
    [ValidateNotNullOrEmpty]
    [SupportsWildcards]
    public string[] Path { get; set; } = [];

    /// <summary>
    /// Each -Path file, or each piped byte array (or string), is one record: its bytes exactly,
    /// not split into lines, as `fluvio produce --raw -f` sends a file.
    /// </summary>
    // A switch of the Object and Path sets, not a set of its own: a set that also took piped
    // objects made every plain `$object | Send-FluvioRecord` ambiguous, and PowerShell then fell
    // back to the Text set, sending the object's text instead of its JSON.
    [Parameter(ParameterSetName = ObjectSet)]
    [Parameter(ParameterSetName = PathSet)]
    public SwitchParameter Raw { get; set; }

    /// <summary>Splits each line at its first occurrence: key on the left, value on the right.</summary>
    [Parameter(ParameterSetName = TextSet)]
    [Parameter(ParameterSetName = PathSet)]
    [ValidateNotNullOrEmpty]
    public string? KeySeparator { get; set; }

    /// <summary>The same key for every record.</summary>
    [Parameter(ParameterSetName = TextSet)]
    [Parameter(ParameterSetName = PathSet)]
    [Parameter(ParameterSetName = ObjectSet)]
    [AllowEmptyString]
    public string? Key { get; set; }

    [Parameter(ParameterSetName = ObjectSet)]
    [ValidateNotNullOrEmpty]
    public string? KeyProperty { get; set; }

    [Parameter(ParameterSetName = ObjectSet)]
    [ValidateNotNullOrEmpty]
    public string? ValueProperty { get; set; }

    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int? Partition { get; set; }

    [Parameter]
    [PSDefaultValue(Help = "the topic's codec when it fixes one, else None")]
    public FluvioCompression? Compression { get; set; }

    /// <summary>Largest batch in bytes (default 16384, as Fluvio).</summary>
    [Parameter]
    [ValidateRange(1024, 64 * 1024 * 1024)]
    [PSDefaultValue(Value = 16384)]
    public int? BatchSize { get; set; }

    /// <summary>How long a batch may wait for more records before it is sent.</summary>
    [Parameter]
    [PSDefaultValue(Help = "100 milliseconds")]
    public TimeSpan? Linger { get; set; }

    [Parameter]
    [PSDefaultValue(Value = "AtLeastOnce")]
    public FluvioDeliverySemantic DeliverySemantic { get; set; } = FluvioDeliverySemantic.AtLeastOnce;

    /// <summary>Writes a result per record (Topic, Partition, Offset, Key), in input order.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void BeginProcessing()
    {
        if (Key is not null && KeySeparator is not null)
        {
            ThrowTerminatingError(FluvioErrors.Create("KeyAndKeySeparator", ErrorCategory.InvalidArgument,
                "Use -Key (one key for every record) or -KeySeparator (a key per line), not both.", null));
        }
        if (Key is not null && KeyProperty is not null)
        {
            ThrowTerminatingError(FluvioErrors.Create("KeyAndKeyProperty", ErrorCategory.InvalidArgument,
                "Use -Key (one key for every record) or -KeyProperty (a key per object), not both.", null));
        }
        if (Raw && (KeySeparator is not null || KeyProperty is not null || ValueProperty is not null))
        {
            ThrowTerminatingError(FluvioErrors.Create("RawWithSplitting", ErrorCategory.InvalidArgument,
                "-Raw sends each file or byte array whole: -KeySeparator, -KeyProperty and -ValueProperty do not apply (give a key with -Key).", null));
        }
        _topic = ResolveTopic(Topic);
        _verbose = VerboseEnabled;
        var options = new ProducerOptions
        {
            Delivery = DeliverySemantic == FluvioDeliverySemantic.AtMostOnce ? Fluvio.Client.DeliverySemantic.AtMostOnce : Fluvio.Client.DeliverySemantic.AtLeastOnce,
        };
        if (Compression is { } compression)
        {
            options = options with { Compression = ModelMapping.ToCodec(compression) };
        }
        if (BatchSize is { } batchSize)
        {
            options = options with { BatchSize = batchSize };
        }
        if (Linger is { } linger)
        {
            options = options with { Linger = linger };
        }
        options = options with { SmartModules = SmartModules() };
        _producer = Await(Client.CreateProducerAsync(_topic, options, StopToken), _topic);
        _clock.Start();
    }

    protected override void ProcessRecord()
    {
        if (!MyInvocation.ExpectingInput && ParameterSetName != PathSet
            && !MyInvocation.BoundParameters.ContainsKey(nameof(Value)) && !MyInvocation.BoundParameters.ContainsKey(nameof(InputObject)))
        {
            ThrowTerminatingError(FluvioErrors.Create(FluvioErrors.InputRequired, ErrorCategory.InvalidArgument,
                "Nothing to send: pipe lines or objects in, or give -Value, -InputObject or -Path.", null));
        }
        switch (ParameterSetName)
        {
            case TextSet:
                SendLine(Value ?? "", Value);
                break;
            case ObjectSet when Raw:
                SendRawInput();
                break;
            case ObjectSet:
                SendObject(InputObject);
                break;
            case PathSet when Raw:
                SendRawFiles();
                break;
            default:
                foreach (string path in Path)
                {
                    SendFile(path);
                }
                break;
        }
    }

    protected override void EndProcessing()
    {
        if (_producer is null)
        {
            return;
        }
        Await(_producer.FlushAsync(StopToken), _topic);
        Settle(waitForAll: true);
        Await(_producer.DisposeAsync().AsTask(), _topic);
        _producer = null;
        if (_progressShown)
        {
            WriteProgress(new ProgressRecord(0, ProgressActivity, "Done") { RecordType = ProgressRecordType.Completed });
        }
        WriteDebug($"Sent {_sent - _failed} records to '{_topic}'{(_failed > 0 ? $"; {_failed} failed" : "")}.");
    }

    private string ProgressActivity => $"Sending records to Fluvio topic '{_topic}'";

    private void SendFile(string path)
    {
        IEnumerable<string> resolved;
        try
        {
            resolved = GetResolvedProviderPathFromPSPath(path, out _);
        }
        catch (ItemNotFoundException e)
        {
            // One missing file among several: say so and send the others.
            WriteError(FluvioErrors.Create(FluvioErrors.FileNotFound, ErrorCategory.ObjectNotFound, e.Message, path, e));
            return;
        }
        foreach (string file in resolved)
        {
            using var reader = new StreamReader(file, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
            _file = file;
            try
            {
                while (reader.ReadLine() is { } line)
                {
                    _lineOfFile++;
                    SendLine(line, line);
                }
            }
            finally
            {
                (_file, _lineOfFile) = (null, 0);
            }
        }
    }

    private void SendRawInput()
    {
        switch (PSObjectJson.Unwrap(InputObject))
        {
            case byte[] bytes:
                EnqueueBytes(Key, Key is not null, bytes, InputObject);
                return;
            case string text:
                Enqueue(Key, Key is not null, text, InputObject);
                return;
            default:
                // Most likely Get-Content -AsByteStream without -Raw: one byte per pipeline object,
                // which would make each byte a record.
                WriteError(FluvioErrors.Create(FluvioErrors.RawInputNotBytes, ErrorCategory.InvalidType,
                    $"-Raw sends each piped byte array or string as one record; a {InputObject?.BaseObject.GetType().Name ?? "null"} is neither (read files with -Path, or with Get-Content -AsByteStream -Raw). It was not sent.",
                    InputObject));
                return;
        }
    }

    private void SendRawFiles()
    {
        foreach (string path in Path)
        {
            IEnumerable<string> resolved;
            try
            {
                resolved = GetResolvedProviderPathFromPSPath(path, out _);
            }
            catch (ItemNotFoundException e)
            {
                WriteError(FluvioErrors.Create(FluvioErrors.FileNotFound, ErrorCategory.ObjectNotFound, e.Message, path, e));
                continue;
            }
            foreach (string file in resolved)
            {
                long length = new FileInfo(file).Length;
                // Refused before reading: no sense loading a file the client can never send (the
                // broker's own limit, 2 MiB by default, is smaller and answers RecordTooLarge too).
                if (length > Client.Options.MaxMessageBytes)
                {
                    WriteError(FluvioErrors.From(new FluvioException(FluvioErrorCode.RecordTooLarge,
                        $"The file '{file}' is {length} bytes, more than the largest message to the broker ({Client.Options.MaxMessageBytes} bytes); it was not sent."), file));
                    continue;
                }
                EnqueueBytes(Key, Key is not null, File.ReadAllBytes(file), file);
            }
        }
    }

    private void SendLine(string line, object? target)
    {
        // Get-Content splits at LF only on some platforms; a CR left before the line end is not data.
        if (line.EndsWith('\r'))
        {
            line = line[..^1];
        }
        if (KeySeparator is not null)
        {
            int at = line.IndexOf(KeySeparator, StringComparison.Ordinal);
            if (at < 0)
            {
                WriteError(FluvioErrors.Create(FluvioErrors.KeySeparatorNotFound, ErrorCategory.InvalidData,
                    $"The line '{line}' has no key separator '{KeySeparator}'; it was not sent.", target));
                return;
            }
            Enqueue(line.AsSpan(0, at), hasKey: true, line.AsSpan(at + KeySeparator.Length), target);
        }
        else
        {
            Enqueue(Key, Key is not null, line, target);
        }
    }

    private void SendObject(PSObject? input)
    {
        string? key = Key;
        byte[]? keyBytes = null;
        if (KeyProperty is not null)
        {
            var property = input?.Properties[KeyProperty];
            if (property is null)
            {
                WriteError(FluvioErrors.Create(FluvioErrors.KeyPropertyNotFound, ErrorCategory.InvalidData,
                    $"The object has no property '{KeyProperty}' to take the key from; it was not sent.", input));
                return;
            }
            // A property that is there but null is a keyless record, as Receive-FluvioRecord shows one:
            // its output (or that output through ConvertTo-Json and back) re-sends keyless.
            key = property.Value?.ToString();
            if (!TryBase64Sidecar(input!, KeyProperty, out keyBytes))
            {
                return;
            }
        }
        object? value = input;
        if (ValueProperty is not null)
        {
            var property = input?.Properties[ValueProperty];
            if (property is null)
            {
                WriteError(FluvioErrors.Create(FluvioErrors.ValuePropertyNotFound, ErrorCategory.InvalidData,
                    $"The object has no property '{ValueProperty}' to take the value from; it was not sent.", input));
                return;
            }
            value = property.Value;
            if (!TryBase64Sidecar(input!, ValueProperty, out var valueBytes))
            {
                return;
            }
            if (valueBytes is not null)
            {
                value = valueBytes;
            }
        }
        if (keyBytes is not null)
        {
            // Binary key: the exact bytes, not the text with replacement characters.
            byte[] bytes = PSObjectJson.Unwrap(value) switch
            {
                byte[] b => b,
                string s => Encoding.UTF8.GetBytes(s),
                _ => PSObjectJson.Serialize(value),
            };
            ProduceBytes(keyBytes, hasKey: true, bytes, key, input);
            return;
        }
        switch (PSObjectJson.Unwrap(value))
        {
            case byte[] bytes:
                EnqueueBytes(key, key is not null, bytes, input);
                break;
            case string s:
                // Text is sent as text (a string in the object set, or its -ValueProperty), never as a JSON string.
                Enqueue(key, key is not null, s, input);
                break;
            default:
                EnqueueBytes(key, key is not null, PSObjectJson.Serialize(value), input);
                break;
        }
    }

    /// <summary>
    /// Receive-FluvioRecord writes KeyBase64/ValueBase64 beside Key/Value when the bytes are not
    /// UTF-8 text; where the object has such a property beside -KeyProperty/-ValueProperty and it
    /// is not null, its bytes are what is sent, so binary records survive ConvertTo-Json and back.
    /// </summary>
    private bool TryBase64Sidecar(PSObject input, string property, out byte[]? bytes)
    {
        bytes = null;
        if (input.Properties[property + "Base64"]?.Value is not { } encoded)
        {
            return true;
        }
        try
        {
            bytes = Convert.FromBase64String(encoded.ToString()!);
            return true;
        }
        catch (FormatException e)
        {
            WriteError(FluvioErrors.Create(FluvioErrors.InvalidBase64, ErrorCategory.InvalidData,
                $"The object's property '{property}Base64' is not base64: {e.Message} It was not sent.", input, e));
            return false;
        }
    }

    private void Enqueue(ReadOnlySpan<char> key, bool hasKey, ReadOnlySpan<char> value, object? target)
    {
        int length = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (_valueBuffer.Length < length)
        {
            _valueBuffer = new byte[Math.Max(length, _valueBuffer.Length * 2)];
        }
        int written = Encoding.UTF8.GetBytes(value, _valueBuffer);
        if (_verbose)
        {
            WriteVerbose(hasKey ? $"[{key}] {value}" : $"[null] {value}");
        }
        Produce(key, hasKey, _valueBuffer.AsSpan(0, written), target);
    }

    private void EnqueueBytes(ReadOnlySpan<char> key, bool hasKey, byte[] value, object? target)
    {
        if (_verbose)
        {
            WriteVerbose(hasKey ? $"[{key}] <{value.Length} bytes>" : $"[null] <{value.Length} bytes>");
        }
        Produce(key, hasKey, value, target);
    }

    private void Produce(ReadOnlySpan<char> key, bool hasKey, ReadOnlySpan<byte> value, object? target) =>
        // The key as text only where a result will show it: most sends never need the string.
        ProduceBytes(hasKey ? EncodeKey(key) : default, hasKey, value, PassThru && hasKey ? key.ToString() : null, target);

    private void ProduceBytes(ReadOnlySpan<byte> keyBytes, bool hasKey, ReadOnlySpan<byte> value, string? keyText, object? target)
    {
        ProduceFuture future;
        try
        {
            if (Partition is { } partition)
            {
                future = _producer!.Send(hasKey ? keyBytes.ToArray() : null, value, partition, StopToken);
            }
            else if (!hasKey)
            {
                future = _producer!.SendKeyless(value, StopToken);
            }
            else
            {
                future = _producer!.Send(keyBytes, value, StopToken);
            }
        }
        catch (OperationCanceledException) when (StopToken.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
        catch (FluvioException e) when (e.Code == FluvioErrorCode.RecordTooLarge)
        {
            // One oversized record: an error naming it; the others still go out.
            WriteError(FluvioErrors.From(e, target));
            return;
        }
        catch (FluvioException e)
        {
            ThrowTerminatingError(FluvioErrors.From(e, target));
            return;
        }
        _sent++;
        _pending.Add(future, _lineOfFile > 0 ? new PendingRecord(PassThru ? keyText : null, _file, _lineOfFile) : new PendingRecord(PassThru ? keyText : null, target));
        Settle(waitForAll: false, waitForOldest: _pending.Count >= MaxPending && ParameterSetName == PathSet);
        if ((_sent & 1023) == 0)
        {
            ReportProgress();
        }
    }

    private ReadOnlySpan<byte> EncodeKey(ReadOnlySpan<char> key)
    {
        int length = Encoding.UTF8.GetMaxByteCount(key.Length);
        if (_keyBuffer.Length < length)
        {
            _keyBuffer = new byte[Math.Max(length, _keyBuffer.Length * 2)];
        }
        return _keyBuffer.AsSpan(0, Encoding.UTF8.GetBytes(key, _keyBuffer));
    }

    /// <summary>Emits results and errors of acknowledged records, oldest first, so -PassThru keeps input order.</summary>
    private void Settle(bool waitForAll, bool waitForOldest = false)
    {
        while (_pending.Count > 0 && (waitForAll || waitForOldest || _pending.OldestSettled))
        {
            waitForOldest = false;
            SendOutcome<PendingRecord> outcome;
            try
            {
                outcome = _pending.TakeOldest(StopToken);
            }
            catch (OperationCanceledException) when (StopToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            var record = outcome.Tag;
            if (outcome.Error is { } failure)
            {
                var e = record.Line > 0 ? new FluvioException(failure.Code, $"{failure.Message} (line {record.Line} of '{record.Target}')", failure) : failure;
                _failed++;
                if (FluvioErrors.IsFatal(e))
                {
                    // Nothing after this record can go out either: stop here, saying how much did not.
                    int lost = _pending.Count + 1;
                    ThrowTerminatingError(FluvioErrors.From(
                        new FluvioException(e.Code, $"{e.Message} {lost} record(s) from this one on were not confirmed as sent.", e), record.ErrorTarget));
                }
                WriteError(FluvioErrors.From(e, record.ErrorTarget));
                continue;
            }
            if (PassThru)
            {
                WriteObject(new FluvioProduceResult(_topic, outcome.Metadata.Partition, outcome.Metadata.Offset, record.Key));
            }
        }
    }

    private void ReportProgress()
    {
        var now = _clock.Elapsed;
        if (now - _lastProgress < ProgressInterval)
        {
            return;
        }
        _lastProgress = now;
        _progressShown = true;
        double rate = _sent / Math.Max(now.TotalSeconds, 0.001);
        WriteProgress(new ProgressRecord(0, ProgressActivity, $"{_sent:N0} records sent ({rate:N0}/s)"));
    }


    protected override void Dispose(bool disposing)
    {
        if (disposing && _producer is not null)
        {
            // A stopped pipeline: close without waiting long for acknowledgements nobody will read.
            _ = _producer.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(2));
            _producer = null;
        }
        base.Dispose(disposing);
    }

    /// <summary>What a sent record's outcome is reported with: its input, or for a line of -Path its file and line.</summary>
    private readonly record struct PendingRecord(string? Key, object? Target, long Line = 0)
    {
        /// <summary>An error's target: the input object, or "file:line" for a line of -Path.</summary>
        public object? ErrorTarget => Line > 0 ? $"{Target}:{Line}" : Target;
    }
}
