using Fluvio.Client;
using Fluvio.Protocol.Native;
using Xunit.Abstractions;
using TopicSpec = Fluvio.Client.TopicSpec;

namespace Fluvio.Reliability.Tests.Hostile;

/// <summary>
/// Issue 12, item 5: a native StreamFetch read up to 32 MiB and held it while its client did not
/// read: 75 streams over three connections took the broker to 3.5 GB, 40 pipelined Fetches to
/// 1.75 GB. Now the records for a frame are read only once the connection's response budget
/// (--max-connection-response-bytes, 16 MiB) and, past each connection's first 256 KiB, the
/// broker's (--max-pending-response-bytes, 64 MiB) have room, and given back when it is written.
/// </summary>
public sealed class SlowReaderTests(ITestOutputHelper output)
{
    private const int RecordBytes = 1024 * 1024;
    private const int Records = 40;
    private const int AskFor = 32 * 1024 * 1024;

    [Fact(Timeout = 120_000)]
    public async Task Streams_and_fetches_nobody_reads_hold_the_response_budget_not_a_frame_each()
    {
        await using var broker = await BrokerHost.StartAsync();
        await using var client = await FluvioClient.ConnectAsync(broker.Endpoint);
        await FillBigAsync(client);
        await using var side = await SideTraffic.StartAsync(broker, client);
        await side.KeepsGoingAsync(100, TimeSpan.FromSeconds(20));
        long residentAtStart = broker.ResidentMiB;

        var attackers = new List<RawNativeSocket>();
        await using var peaks = new BrokerPeaks(broker);
        try
        {
            // 75 streams over three connections, each asking for 32 MiB frames, none ever read.
            for (int c = 0; c < 3; c++)
            {
                var connection = await RawNativeSocket.ConnectAsync(broker.SpuEndpoint);
                attackers.Add(connection);
                for (int s = 0; s < 25; s++)
                {
                    await connection.SendAsync((ushort)SpuApiKey.StreamFetch, s + 1,
                        new StreamFetchRequest("big", 0, 0, AskFor, Isolation.ReadUncommitted, ReadOnlyMemory<byte>.Empty, [], null));
                }
            }
            // 40 pipelined one-shot Fetches of 32 MiB on a fourth, also never read.
            var fetches = await RawNativeSocket.ConnectAsync(broker.SpuEndpoint);
            attackers.Add(fetches);
            for (int f = 0; f < 40; f++)
            {
                await fetches.SendAsync((ushort)SpuApiKey.Fetch, f + 1,
                    new FetchRequest(0, 0, AskFor, Isolation.ReadUncommitted, [new FetchableTopic("big", [new FetchPartition(0, 0, 0, 0, AskFor)])], []));
            }

            // The attack has had time to build whatever it could; an ordinary native consumer of
            // small frames is still served (its frames fit its connection's own allowance).
            await Task.Delay(TimeSpan.FromSeconds(5));
            await using (var consumer = await RawNativeSocket.ConnectAsync(broker.SpuEndpoint, receiveBuffer: 1024 * 1024))
            {
                await consumer.SendAsync((ushort)SpuApiKey.StreamFetch, 7,
                    new StreamFetchRequest(SideTraffic.Topic, 0, 0, 64 * 1024, Isolation.ReadUncommitted, ReadOnlyMemory<byte>.Empty, [], null));
                var (id, body) = await consumer.ReadAsync(TimeSpan.FromSeconds(10));
                Assert.Equal(7, id);
                var frame = StreamFetchResponse.Decode(body, FluvioApiVersions.SpuCurrentVersion);
                Assert.False(frame.Partition.Error.IsError, frame.Partition.Error.ToString());
                Assert.True(frame.Partition.Batches.Length > 0, "the side stream's first frame has no records");
            }
            await side.KeepsGoingAsync(100, TimeSpan.FromSeconds(20));
        }
        finally
        {
            foreach (var attacker in attackers)
            {
                await attacker.DisposeAsync();
            }
        }
        long peak = peaks.ResidentMiB;
        await side.StopAndCheckAsync();

        // The budget came back with the connections: all of 'big' reads again.
        int read = 0;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await foreach (var record in client.ConsumeAsync("big", new ConsumerOptions(), timeout.Token))
        {
            Assert.Equal(RecordBytes, record.Value.Length);
            if (++read == Records)
            {
                break;
            }
        }
        Assert.Equal(Records, read);
        Assert.False(broker.HasExited, broker.Diagnostics);
        // 16 MiB per connection, 64 MiB in all, plus the copy a frame is built from and garbage not yet collected.
        Assert.True(peak <= residentAtStart + 400, $"{peak} MiB resident at the peak ({residentAtStart} before the attack)");
        Figures.Report(output, nameof(SlowReaderTests),
            $"75 unread 32 MiB streams on 3 connections + 40 pipelined 32 MiB Fetches: peak {peak} MiB RSS ({residentAtStart} before); side producer {side.Acknowledged} acknowledged, 0 lost");
    }

    [Fact(Timeout = 120_000)]
    public async Task gRPC_streams_nobody_reads_hold_one_clamped_answer_each_within_the_shared_budget()
    {
        await using var broker = await BrokerHost.StartAsync();
        await using var client = await FluvioClient.ConnectAsync(broker.Endpoint);
        await FillBigAsync(client);
        await using var side = await SideTraffic.StartAsync(broker, client);
        await side.KeepsGoingAsync(100, TimeSpan.FromSeconds(20));
        long residentAtStart = broker.ResidentMiB;

        // 30 streams asking for 2 GiB answers, on connections of their own with the smallest
        // flow-control windows, none ever read (before: 2.35 GB, and past 64 MiB of data none answered).
        var channels = new List<Grpc.Net.Client.GrpcChannel>();
        var calls = new List<Grpc.Core.AsyncServerStreamingCall<Fluvio.Protocol.Grpc.ConsumeResponse>>();
        await using var peaks = new BrokerPeaks(broker);
        try
        {
            for (int c = 0; c < 3; c++)
            {
                var channel = Grpc.Net.Client.GrpcChannel.ForAddress(broker.Endpoint, new Grpc.Net.Client.GrpcChannelOptions
                {
                    HttpHandler = new SocketsHttpHandler { InitialHttp2StreamWindowSize = 65535 },
                });
                channels.Add(channel);
                var consumer = new Fluvio.Protocol.Grpc.Consumer.ConsumerClient(channel);
                for (int s = 0; s < 10; s++)
                {
                    calls.Add(consumer.Consume(new Fluvio.Protocol.Grpc.ConsumeRequest { Topic = "big", MaxBytes = int.MaxValue, Continuous = true }));
                }
            }
            await Task.Delay(TimeSpan.FromSeconds(5));
            await side.KeepsGoingAsync(100, TimeSpan.FromSeconds(20));
        }
        finally
        {
            foreach (var call in calls)
            {
                call.Dispose();
            }
            foreach (var channel in channels)
            {
                channel.Dispose();
            }
        }
        long peak = peaks.ResidentMiB;
        await side.StopAndCheckAsync();
        Assert.Equal(Records, (await client.ConsumeAsync("big", new ConsumerOptions()).CountAsync()));
        Assert.False(broker.HasExited, broker.Diagnostics);
        // 1 MiB per answer, 64 MiB past the streams' own allowances, plus copies and garbage not yet collected.
        Assert.True(peak <= residentAtStart + 300, $"{peak} MiB resident at the peak ({residentAtStart} before the attack)");
        Figures.Report(output, nameof(SlowReaderTests),
            $"30 unread gRPC streams asking 2 GiB answers on 3 connections: peak {peak} MiB RSS ({residentAtStart} before); side producer {side.Acknowledged} acknowledged, 0 lost");
    }

    /// <summary>Topic 'big': 40 records of 1 MiB, more than any one answer may hold.</summary>
    internal static async Task FillBigAsync(FluvioClient client)
    {
        await client.CreateTopicAsync(new TopicSpec("big"));
        await using var producer = await client.CreateProducerAsync("big", new ProducerOptions { Linger = TimeSpan.Zero });
        var value = new byte[RecordBytes];
        for (int i = 0; i < Records; i++)
        {
            producer.Send(null, value);
        }
        await producer.FlushAsync().Within(TimeSpan.FromSeconds(60), "40 MiB into 'big'");
    }
}
