using System.Threading.Channels;

namespace Fluvio.Client;

/// <summary>
/// The producer's background half: one task packs sealed batches into requests and writes them
/// on one produce link (a gRPC stream, or native connections to the partitions' leaders), keeping
/// up to MaxInFlightRequests unanswered; the link's reader settles batches from the responses
/// (by request id). When the stream breaks: AtLeastOnce
/// reconnects with exponential backoff and resends every unanswered request in order, up to
/// MaxRetries consecutive failures, then fails them; AtMostOnce fails them at once. Broker
/// error reasons are final and never retried.
/// </summary>
internal sealed partial class ProduceSender
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan CloseGrace = TimeSpan.FromSeconds(2);

    private readonly Func<IProduceLink> _openLink;
    private readonly string _topic;
    private readonly ProducerOptions _options;
    private readonly ConnectionErrors _errors;
    private readonly Channel<ProducerBatch> _queue = Channel.CreateUnbounded<ProducerBatch>(new UnboundedChannelOptions { SingleReader = true });
    private readonly object _gate = new();
    private readonly SortedDictionary<ulong, PendingRequest> _unacked = [];
    private readonly SemaphoreSlim _slots;
    private readonly RequestPacker _packer;
    private readonly Timer _watchdog;
    private readonly Task _run;
    private IProduceLink? _connection;
    private Task _reader = Task.CompletedTask;
    private TaskCompletionSource? _drained;
    private ProducerBatch? _carry;
    private FluvioException? _fatal;
    private ulong _nextId;
    private int _failures;

    public ProduceSender(Func<IProduceLink> openLink, string topic, ProducerOptions options, ConnectionErrors errors)
    {
        _openLink = openLink;
        _topic = topic;
        _options = options;
        _errors = errors;
        _slots = new SemaphoreSlim(options.MaxInFlightRequests, options.MaxInFlightRequests);
        _packer = new RequestPacker(options.MaxRequestBytes);
        var period = TimeSpan.FromMilliseconds(Math.Clamp(options.RequestTimeout.TotalMilliseconds / 10, 10, 1000));
        _watchdog = new Timer(_ => CheckTimeouts(), null, period, period);
        _run = Task.Run(RunAsync);
    }

    /// <summary>Ends when the queue is completed and drained and nothing is unanswered.</summary>
    public Task Completion => _run;

    public void Enqueue(ProducerBatch batch)
    {
        if (!_queue.Writer.TryWrite(batch))
        {
            batch.Fail(_fatal ?? new FluvioException(FluvioErrorCode.ProducerClosed, $"The producer for topic '{_topic}' is closed."));
        }
    }

    /// <summary>No more batches will come; the sender stops once everything queued is settled.</summary>
    public void Complete() => _queue.Writer.TryComplete();

    private async Task RunAsync()
    {
        try
        {
            while (true)
            {
                var conn = _connection;
                if (conn is { IsBroken: true })
                {
                    await RecoverAsync(conn).ConfigureAwait(false);
                    continue;
                }
                var broken = conn?.BrokenToken ?? CancellationToken.None;
                try
                {
                    if (_carry is null && !await _queue.Reader.WaitToReadAsync(broken).ConfigureAwait(false))
                    {
                        if (!HasUnacked)
                        {
                            break;
                        }
                        await WaitDrainedAsync(broken).ConfigureAwait(false);
                        continue;
                    }
                    await _slots.WaitAsync(broken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (broken.IsCancellationRequested)
                {
                    continue;
                }
                if (Pack() is { } request)
                {
                    await WriteAsync(request).ConfigureAwait(false);
                }
                else
                {
                    _slots.Release();
                }
            }
        }
        catch (Exception e)
        {
            // A bug, not a broker problem: settle everything rather than leave futures pending.
            _fatal = new FluvioException(FluvioErrorCode.Unknown, $"The producer for topic '{_topic}' stopped: {e.Message}", e);
            _queue.Writer.TryComplete();
            FailUnacked(_fatal);
            FailQueued(_fatal);
        }
        finally
        {
            await _watchdog.DisposeAsync().ConfigureAwait(false);
            await CloseAsync().ConfigureAwait(false);
        }
    }

    private bool HasUnacked
    {
        get
        {
            lock (_gate)
            {
                return _unacked.Count > 0;
            }
        }
    }

    private PendingRequest? Pack()
    {
        while (true)
        {
            var batch = _carry;
            _carry = null;
            if (batch is null && !_queue.Reader.TryRead(out batch))
            {
                break;
            }
            if (batch.IsCompleted)
            {
                continue;
            }
            try
            {
                if (!_packer.TryAdd(batch))
                {
                    _carry = batch;
                    break;
                }
            }
            catch (Exception e)
            {
                batch.Fail(new FluvioException(FluvioErrorCode.Unknown, $"Could not encode a batch for partition {batch.Partition} of topic '{_topic}': {e.Message}", e));
            }
        }
        return _packer.IsEmpty ? null : _packer.Take(++_nextId, _topic);
    }

    private async Task WriteAsync(PendingRequest request)
    {
        var conn = _connection ??= Open();
        request.SentAtTicks = Environment.TickCount64;
        lock (_gate)
        {
            _unacked.Add(request.Id, request);
        }
        await conn.SendAsync(request.Call).ConfigureAwait(false);
    }

    private IProduceLink Open()
    {
        var conn = _openLink();
        _reader = conn.ReadAsync(OnResponse);
        return conn;
    }

    private void OnResponse(ProduceAnswer response)
    {
        PendingRequest? request;
        lock (_gate)
        {
            if (!TryRemove(response.Id, out request))
            {
                return; // answered already (on a stream we gave up)
            }
            _failures = 0;
        }
        request.Complete(response, _topic);
    }

    // Under _gate. Every removal gives the request's in-flight slot back.
    private bool TryRemove(ulong id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out PendingRequest? request)
    {
        if (!_unacked.Remove(id, out request))
        {
            return false;
        }
        _slots.Release();
        if (_unacked.Count == 0 && _drained is { } drained)
        {
            _drained = null;
            drained.TrySetResult();
        }
        return true;
    }

    private Task WaitDrainedAsync(CancellationToken ct)
    {
        lock (_gate)
        {
            if (_unacked.Count == 0)
            {
                return Task.CompletedTask;
            }
            _drained ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _drained.Task.WaitAsync(ct);
        }
    }

    private void FailUnacked(FluvioException error)
    {
        var failed = new List<PendingRequest>();
        lock (_gate)
        {
            foreach (var id in _unacked.Keys.ToArray())
            {
                if (TryRemove(id, out var request))
                {
                    failed.Add(request);
                }
            }
        }
        failed.ForEach(r => r.Fail(error));
    }

    private void FailQueued(FluvioException error)
    {
        _carry?.Fail(error);
        _carry = null;
        while (_queue.Reader.TryRead(out var batch))
        {
            batch.Fail(error);
        }
    }

    private async Task CloseAsync()
    {
        var conn = _connection;
        _connection = null;
        if (conn is null)
        {
            return;
        }
        try
        {
            await conn.CloseAsync(CloseGrace).ConfigureAwait(false);
            await _reader.WaitAsync(CloseGrace).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Closing is best effort: every request is settled already.
        }
        conn.Dispose();
    }
}
