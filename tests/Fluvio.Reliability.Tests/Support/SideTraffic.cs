using Fluvio.Client;

namespace Fluvio.Reliability.Tests;

/// <summary>
/// An ordinary user beside an attack: a producer on a topic of its own, sending stamped records
/// at a modest pace (about 2,000 a second, so reading them all back stays quick) until stopped,
/// then every acknowledged record read back. What an attack must not break.
/// </summary>
internal sealed class SideTraffic : IAsyncDisposable
{
    public const string Topic = "side";
    private const int Id = 1;

    private readonly BrokerHost _broker;
    private readonly TopicProducer _producer;
    private readonly AckLedger _ledger = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _run;

    private SideTraffic(BrokerHost broker, TopicProducer producer)
    {
        _broker = broker;
        _producer = producer;
        _run = Task.Run(RunAsync);
    }

    public int Acknowledged => _ledger.Count;

    public static async Task<SideTraffic> StartAsync(BrokerHost broker, FluvioClient client)
    {
        await client.CreateTopicAsync(new TopicSpec(Topic));
        return new SideTraffic(broker, await client.CreateProducerAsync(Topic, StampedProducer.Defaults));
    }

    /// <summary>Acknowledgements keep arriving: <paramref name="more"/> more within <paramref name="limit"/>.</summary>
    public async Task KeepsGoingAsync(int more, TimeSpan limit)
    {
        int target = _ledger.Count + more;
        await Bounded.Until(() => _ledger.Count >= target || _run.IsCompleted, limit, $"{more} more side acknowledgements");
        if (_run.IsCompleted)
        {
            await _run; // its failure says why the acknowledgements stopped
        }
    }

    /// <summary>Stops the producer and checks that every acknowledged record is stored, once, in order.</summary>
    public async Task StopAndCheckAsync()
    {
        _stop.Cancel();
        await _run.Within(TimeSpan.FromSeconds(30), "the side producer");
        Assert.True(_ledger.Count > 0, "the side producer got no acknowledgement");
        var stored = await StoredLog.ReadAsync(_broker.Endpoint, Topic, 1);
        StoredLog.AssertNone(stored.Check(_ledger.All), "the side topic");
    }

    private async Task RunAsync()
    {
        long sequence = 0;
        while (!_stop.IsCancellationRequested)
        {
            var sent = new List<(ProduceFuture Future, Stamp Stamp)>(10);
            for (int i = 0; i < 10; i++)
            {
                var stamp = new Stamp(Id, sequence++);
                sent.Add((_producer.Send(null, stamp.Encode(16)), stamp));
            }
            foreach (var (future, stamp) in sent)
            {
                var result = await future.AsTask().WaitAsync(TimeSpan.FromSeconds(30));
                _ledger.Add(new Acked(Topic, result.Partition, result.Offset, stamp));
            }
            await Task.Delay(5);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await Task.WhenAny(_run, Task.Delay(TimeSpan.FromSeconds(10)));
        await _producer.DisposeAsync();
    }
}
