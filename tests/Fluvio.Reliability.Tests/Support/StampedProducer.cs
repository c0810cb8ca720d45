using Fluvio.Client;

namespace Fluvio.Reliability.Tests;

/// <summary>
/// One producer as a user's program would be: its own connection, a <see cref="TopicProducer"/>
/// per topic, sending stamped values with an increasing sequence until stopped, and writing every
/// acknowledgement into the ledger. Keyed by a few keys per producer, so records spread over the
/// partitions while each producer's sequence must still rise within each partition.
/// </summary>
internal sealed class StampedProducer : IAsyncDisposable
{
    private const int MaxPending = 4000;
    private readonly FluvioClient _client;
    private readonly (string Topic, TopicProducer Producer)[] _producers;
    private readonly AckLedger _ledger;
    private readonly Queue<(ProduceFuture Future, string Topic, Stamp Stamp)> _pending = new();
    private readonly Random _random;
    private long _sequence;

    private StampedProducer(int id, FluvioClient client, (string, TopicProducer)[] producers, AckLedger ledger)
    {
        Id = id;
        _client = client;
        _producers = producers;
        _ledger = ledger;
        _random = new Random(Mode.Seed ^ id);
    }

    public int Id { get; }

    /// <summary>Records sent (enqueued) so far.</summary>
    public long Sent => Interlocked.Read(ref _sequence);

    public static async Task<StampedProducer> StartAsync(Uri endpoint, int id, IReadOnlyList<string> topics, AckLedger ledger, ProducerOptions? options = null)
    {
        var client = await FluvioClient.ConnectAsync(endpoint);
        var producers = new (string, TopicProducer)[topics.Count];
        for (int i = 0; i < topics.Count; i++)
        {
            producers[i] = (topics[i], await client.CreateProducerAsync(topics[i], options ?? Defaults));
        }
        return new StampedProducer(id, client, producers, ledger);
    }

    /// <summary>At-most-once: after a crash nothing is resent, so what was acknowledged is exactly what the broker stored once.</summary>
    public static ProducerOptions Defaults { get; } = new()
    {
        Linger = TimeSpan.FromMilliseconds(2),
        Delivery = DeliverySemantic.AtMostOnce,
        RequestTimeout = TimeSpan.FromSeconds(10),
    };

    /// <summary>Sends until <paramref name="stop"/>; the broker may die meanwhile.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            foreach (var (topic, producer) in _producers)
            {
                long sequence = Interlocked.Increment(ref _sequence) - 1;
                var stamp = new Stamp(Id, sequence);
                byte[] key = [(byte)Id, (byte)(sequence % 13)];
                try
                {
                    _pending.Enqueue((producer.Send(key, stamp.Encode(_random.Next(0, 48))), topic, stamp));
                }
                catch (FluvioException)
                {
                    return; // the producer gave up on a dead broker
                }
            }
            Harvest();
            if (_pending.Count > MaxPending)
            {
                try
                {
                    await _pending.Peek().Future.AsTask().WaitAsync(stop);
                }
                catch (Exception e) when (e is FluvioException or OperationCanceledException)
                {
                }
            }
            else if (_sequence % 256 == 0)
            {
                await Task.Yield();
            }
        }
    }

    /// <summary>Waits (bounded) for the outcome of everything sent, recording what was acknowledged.</summary>
    public async Task SettleAsync(TimeSpan limit)
    {
        var flushes = _producers.Select(p => p.Producer.FlushAsync());
        await Task.WhenAny(Task.WhenAll(flushes), Task.Delay(limit));
        Harvest();
        // Whatever is still open is not acknowledged; what completed behind it still counts.
        foreach (var (future, topic, stamp) in _pending)
        {
            Record(future, topic, stamp);
        }
        _pending.Clear();
    }

    private void Harvest()
    {
        while (_pending.TryPeek(out var head) && head.Future.IsCompleted)
        {
            _pending.Dequeue();
            Record(head.Future, head.Topic, head.Stamp);
        }
    }

    private void Record(ProduceFuture future, string topic, Stamp stamp)
    {
        if (future.IsCompleted && !future.IsFaulted)
        {
            var result = future.Result;
            _ledger.Add(new Acked(topic, result.Partition, result.Offset, stamp));
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Bounded: after a crash a producer may wait on a broker that is gone.
        await Task.WhenAny(_client.DisposeAsync().AsTask(), Task.Delay(TimeSpan.FromSeconds(10)));
    }
}
