using Fluvio.Client;

namespace Fluvio.Broker.Tests;

/// <summary>Our client over Fluvio's native protocol (fluvio://) against the real broker process.</summary>
public sealed class NativeClientTests
{
    private static readonly (string Key, string Value)[] Seed =
        [("alice", "Deposit 100.00"), ("bob", "Withdraw 50.00"), ("bob", "Withdraw 25.00")];

    internal static Uri Native(BrokerProcess broker) => new("fluvio://" + broker.ScAddress);

    [Fact]
    public async Task SeedRecordsTravelOverTheNativeProtocolToTheOfficialPartitions()
    {
        await using var broker = await BrokerProcess.StartAsync();
        await using var client = await FluvioClient.ConnectAsync(Native(broker));
        Assert.True(client.IsNative);
        var created = await client.CreateTopicAsync(new TopicSpec("seed") { Partitions = 3 });
        Assert.Equal(("seed", 3), (created.Name, created.Partitions));

        await using var producer = await client.CreateProducerAsync("seed");
        var futures = Seed.Select(r => producer.Send(Records.Utf8(r.Key), Records.Utf8(r.Value))).ToList();
        await producer.FlushAsync();
        // partition-siphash.tsv: alice/3 → 2, bob/3 → 1.
        Assert.Equal([new RecordMetadata(2, 0), new RecordMetadata(1, 0), new RecordMetadata(1, 1)], futures.Select(f => f.Result));

        var records = await Records.ReadAllAsync(client, "seed");
        Assert.Equal(["bob:Withdraw 50.00@1/0", "bob:Withdraw 25.00@1/1", "alice:Deposit 100.00@2/0"],
            records.OrderBy(r => (r.Partition, r.Offset)).Select(r => $"{Records.Text(r.Key)}:{Records.Text(r.Value)}@{r.Partition}/{r.Offset}"));

        // The same records seen through the gRPC door: one store, two protocols.
        await using var grpc = await FluvioClient.ConnectAsync(broker.Endpoint);
        Assert.Equal(records.Count, (await Records.ReadAllAsync(grpc, "seed")).Count);
        Assert.Equal([0L, 2L, 1L], (await client.ListPartitionsAsync("seed")).Select(p => p.EndOffset));
        Assert.Equal(new PartitionOffsets(0, 2), await client.FetchOffsetsAsync("seed", 1));
    }

    [Fact]
    public async Task AdminCallsAndTheirErrorsMatchTheGrpcTransport()
    {
        await using var broker = await BrokerProcess.StartAsync();
        await using var client = await FluvioClient.ConnectAsync(Native(broker));
        await client.CreateTopicAsync(new TopicSpec("orders") { Partitions = 2, Retention = TimeSpan.FromHours(2), Compression = TopicCompression.Gzip });

        var described = await client.DescribeTopicAsync("orders");
        Assert.Equal((2, TimeSpan.FromHours(2), TopicCompression.Gzip), (described.Partitions, described.Retention, described.Compression));
        Assert.Equal(["orders"], (await client.ListTopicsAsync()).Select(t => t.Name));

        var exists = await Assert.ThrowsAsync<FluvioException>(() => client.CreateTopicAsync(new TopicSpec("orders")));
        Assert.Equal(FluvioErrorCode.TopicExists, exists.Code);
        var missing = await Assert.ThrowsAsync<FluvioException>(() => client.DescribeTopicAsync("nope"));
        Assert.Equal((FluvioErrorCode.TopicNotFound, "Topic 'nope' not found."), (missing.Code, missing.Message));
        var noProducer = await Assert.ThrowsAsync<FluvioException>(() => client.CreateProducerAsync("nope"));
        Assert.Equal(FluvioErrorCode.TopicNotFound, noProducer.Code);
        var invalid = await Assert.ThrowsAsync<FluvioException>(() => client.CreateTopicAsync(new TopicSpec("Bad/Name")));
        Assert.Equal(FluvioErrorCode.InvalidTopicName, invalid.Code);

        await client.DeleteTopicAsync("orders");
        Assert.Empty(await client.ListTopicsAsync());
        var gone = await Assert.ThrowsAsync<FluvioException>(() => client.DeleteTopicAsync("orders"));
        Assert.Equal(FluvioErrorCode.TopicNotFound, gone.Code);
    }

    [Fact]
    public async Task ARecordOverTheLimitIsRecordTooLargeAndTheNextOneGoesThrough()
    {
        await using var broker = await BrokerProcess.StartAsync(null, "--max-batch-bytes", "4096");
        await using var client = await FluvioClient.ConnectAsync(Native(broker));
        await client.CreateTopicAsync(new TopicSpec("big"));
        await using var producer = await client.CreateProducerAsync("big");
        var tooBig = producer.SendKeyless(new byte[8000]);
        await producer.FlushAsync();
        var error = await Assert.ThrowsAsync<FluvioException>(async () => await tooBig.WaitAsync());
        Assert.Equal(FluvioErrorCode.RecordTooLarge, error.Code);
        var small = producer.SendKeyless(Records.Utf8("fits"));
        await producer.FlushAsync();
        Assert.Equal(new RecordMetadata(0, 0), await small.WaitAsync());
    }

    [Fact]
    public async Task NamedConsumerOffsetsAreCommittedListedAndResumedFrom()
    {
        await using var broker = await BrokerProcess.StartAsync();
        await using var client = await FluvioClient.ConnectAsync(Native(broker));
        await client.CreateTopicAsync(new TopicSpec("jobs"));
        await using (var producer = await client.CreateProducerAsync("jobs"))
        {
            for (int i = 0; i < 10; i++)
            {
                producer.SendKeyless(Records.Utf8($"job-{i}"));
            }
            await producer.FlushAsync();
        }

        var committed = await client.CommitOffsetAsync("worker", "jobs", 0, 3);
        Assert.Equal(3, committed.Offset);
        Assert.Equal(3, (await client.GetOffsetAsync("worker", "jobs", 0))?.Offset);
        var resumed = new List<string>();
        await foreach (var record in client.ConsumeAsync("jobs", new ConsumerOptions { Consumer = "worker" }))
        {
            resumed.Add(Records.Text(record.Value));
        }
        Assert.Equal(Enumerable.Range(4, 6).Select(i => $"job-{i}"), resumed);
        // A commit through the stream just read.
        await client.CommitOffsetAsync("worker", "jobs", 0, 9);
        Assert.Equal([("worker", "jobs", 0, 9L)], (await client.ListOffsetsAsync()).Select(o => (o.Consumer, o.Topic, o.Partition, o.Offset)));

        var deleted = await client.DeleteOffsetsAsync("worker");
        Assert.Single(deleted);
        Assert.Null(await client.GetOffsetAsync("worker", "jobs", 0));
    }

    [Fact]
    public async Task AContinuousReaderSurvivesTheBrokerRestartingWithoutGapOrRepeat()
    {
        string data = BrokerProcess.NewDataDirectory();
        await using var first = await BrokerProcess.StartAsync(data);
        string[] samePorts = ["--sc-port", first.ScAddress.Split(':')[1], "--spu-port", first.SpuAddress.Split(':')[1]];
        await using var client = await FluvioClient.ConnectAsync(Native(first));
        await client.CreateTopicAsync(new TopicSpec("feed"));
        await SendAsync(client, 0, 100);

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var seen = new List<long>();
        var reading = Task.Run(async () =>
        {
            await foreach (var record in client.ConsumeAsync("feed", new ConsumerOptions { Continuous = true }, cts.Token))
            {
                seen.Add(record.Offset);
                if (seen.Count == 200)
                {
                    break;
                }
            }
        });
        await Bounded.Until(() => Volatile.Read(ref seen).Count >= 100 || reading.IsCompleted, TimeSpan.FromSeconds(60), "the first 100 records");
        first.Kill();
        await using var second = await BrokerProcess.StartAsync(data, samePorts);
        await SendAsync(client, 100, 100);
        await reading;
        Assert.Equal(Enumerable.Range(0, 200).Select(i => (long)i), seen);
    }

    private static async Task SendAsync(FluvioClient client, int from, int count)
    {
        await using var producer = await client.CreateProducerAsync("feed");
        for (int i = from; i < from + count; i++)
        {
            producer.SendKeyless(Records.Utf8($"r{i}"));
        }
        await producer.FlushAsync();
    }
}
