using System.Buffers.Binary;
using System.Net.Sockets;
using Fluvio.Client;
using Fluvio.Protocol.Native;
using Grpc.Core;
using Grpc.Net.Client;
using Xunit.Abstractions;
using GrpcProto = Fluvio.Protocol.Grpc;
using TopicSpec = Fluvio.Client.TopicSpec;

namespace Fluvio.Reliability.Tests.Hostile;

/// <summary>
/// Issue 12's attacks at once, for 25 s (quick) or 5 minutes (full): huge and invalid creates on
/// both doors, an idle-connection flood past the cap, continuous readers of topics being deleted,
/// unread streams on both doors, consumer id floods and half-sent frames, while an ordinary
/// producer and a native consumer carry on. The broker must stay up within its limits (memory
/// and descriptors sampled throughout) and lose no acknowledged record.
/// </summary>
public sealed class AttackSoakTests(ITestOutputHelper output)
{
    private const int ConnectionCap = 300;

    [Fact(Timeout = 900_000)]
    public async Task Every_attack_at_once_leaves_the_broker_up_bounded_and_serving()
    {
        var duration = Mode.Pick(TimeSpan.FromSeconds(25), TimeSpan.FromMinutes(5));
        await using var broker = await BrokerHost.StartAsync(null,
            "--max-connections", $"{ConnectionCap}", "--idle-timeout-s", "5", "--max-consumers-per-topic", "200");
        await using var client = await FluvioClient.ConnectAsync(broker.Endpoint);
        await using var native = await FluvioClient.ConnectAsync(new Uri($"fluvio://{broker.ScEndpoint}"));
        await SlowReaderTests.FillBigAsync(client);
        await using var side = await SideTraffic.StartAsync(broker, client);
        await side.KeepsGoingAsync(100, TimeSpan.FromSeconds(20));
        long residentAtStart = broker.ResidentMiB;
        int descriptorsAtStart = broker.OpenDescriptors;

        using var stop = new CancellationTokenSource(duration);
        await using var peaks = new BrokerPeaks(broker);
        var started = DateTime.UtcNow;
        int sideAtStart = side.Acknowledged;
        var reading = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sideReader = ReadContinuouslyAsync(native, reading, stop.Token);
        // Its connections are made before the flood takes the cap (a new one may be refused during it).
        await reading.Task.Within(TimeSpan.FromSeconds(20), "the side consumer's first record");
        var attacks = new[]
        {
            Loop("huge creates", stop.Token, HugeCreatesAsync),
            Loop("connection flood", stop.Token, ConnectionFloodAsync),
            Loop("readers of deleted topics", stop.Token, DeletedTopicReadersAsync),
            Loop("unread streams", stop.Token, UnreadStreamsAsync),
            Loop("consumer id floods", stop.Token, ConsumerIdFloodAsync),
            Loop("half-sent frames", stop.Token, HalfSentFramesAsync),
        };
        var failures = await Task.WhenAll(attacks).Within(duration + TimeSpan.FromMinutes(2), "the attacks' loops");
        Assert.False(broker.HasExited, broker.Diagnostics);
        double seconds = (DateTime.UtcNow - started).TotalSeconds;
        int sideDuring = side.Acknowledged - sideAtStart;
        await side.KeepsGoingAsync(100, TimeSpan.FromSeconds(30));
        await side.StopAndCheckAsync();
        long read = await sideReader;

        long peakResident = peaks.ResidentMiB;
        int peakDescriptors = peaks.Descriptors;
        await peaks.DisposeAsync();
        string rounds = string.Join(", ", failures.Select(f => f));
        Figures.Report(output, nameof(AttackSoakTests),
            $"{seconds:F0} s of every attack at once ({rounds}): peak {peakResident} MiB RSS ({residentAtStart} before), peak {peakDescriptors} descriptors ({descriptorsAtStart} before); " +
            $"side producer {sideDuring / seconds:F0} records/s acknowledged during the attacks, all {side.Acknowledged} stored; side native consumer read {read}");
        Assert.True(peakResident <= residentAtStart + 900, $"{peakResident} MiB resident at the peak ({residentAtStart} before)");
        // Two listeners' caps, the gRPC side's connections, the open-files cache, the runtime's own.
        Assert.True(peakDescriptors <= descriptorsAtStart + 2 * ConnectionCap + 256 + 200, $"{peakDescriptors} descriptors at the peak ({descriptorsAtStart} before)");
        Assert.True(read > 0, "the side consumer read nothing during the attacks");
        Assert.Equal(0, await broker.StopAsync(TimeSpan.FromSeconds(20)));

        async Task HugeCreatesAsync(int round, CancellationToken ct)
        {
            using var channel = GrpcChannel.ForAddress(broker.Endpoint);
            var admin = new GrpcProto.Admin.AdminClient(channel);
            foreach (var request in new[]
            {
                new GrpcProto.CreateTopicRequest { Name = "flood", Partitions = 100_000 },
                new GrpcProto.CreateTopicRequest { Name = "flood", Partitions = uint.MaxValue },
                new GrpcProto.CreateTopicRequest { Name = "flood", SegmentSize = 100 },
                new GrpcProto.CreateTopicRequest { Name = "flood", RetentionSeconds = long.MaxValue },
                new GrpcProto.CreateTopicRequest { Name = new string('n', 300) },
            })
            {
                var refused = await Assert.ThrowsAsync<RpcException>(() => admin.CreateTopicAsync(request, cancellationToken: ct).ResponseAsync);
                Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
            }
            var nativeRefused = await Assert.ThrowsAsync<FluvioException>(() => native.CreateTopicAsync(new TopicSpec("flood") { Partitions = 10_000 }, ct));
            Assert.Equal(FluvioErrorCode.InvalidArgument, nativeRefused.Code);
        }

        async Task ConnectionFloodAsync(int round, CancellationToken ct)
        {
            // Past the cap: the surplus is refused at once, the rest closed by the handshake timeout.
            var sockets = new List<Socket>();
            try
            {
                for (int i = 0; i < ConnectionCap + 200 && !ct.IsCancellationRequested; i++)
                {
                    var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                    sockets.Add(socket);
                    try
                    {
                        await socket.ConnectAsync(Endpoint(broker.SpuEndpoint), ct);
                    }
                    catch (SocketException)
                    {
                        // Refused or reset past the cap: what the cap is for.
                    }
                }
                await Task.Delay(TimeSpan.FromSeconds(3), ct);
            }
            finally
            {
                foreach (var socket in sockets)
                {
                    socket.Dispose();
                }
            }
        }

        async Task DeletedTopicReadersAsync(int round, CancellationToken ct)
        {
            string topic = $"doomed-{round}";
            await client.CreateTopicAsync(new TopicSpec(topic), ct);
            using var channel = GrpcChannel.ForAddress(broker.Endpoint);
            var consumer = new GrpcProto.Consumer.ConsumerClient(channel);
            var readers = Enumerable.Range(0, 2).Select(_ => consumer.Consume(new GrpcProto.ConsumeRequest { Topic = topic, Continuous = true }, cancellationToken: ct)).ToList();
            foreach (var reader in readers)
            {
                Assert.True(await reader.ResponseStream.MoveNext(ct));
            }
            await client.DeleteTopicAsync(topic, ct);
            foreach (var reader in readers)
            {
                var ended = await Assert.ThrowsAsync<RpcException>(() => reader.ResponseStream.MoveNext(ct));
                Assert.Equal(StatusCode.NotFound, ended.StatusCode);
                reader.Dispose();
            }
        }

        async Task UnreadStreamsAsync(int round, CancellationToken ct)
        {
            await using var connection = await RawNativeSocket.ConnectAsync(broker.SpuEndpoint);
            for (int s = 0; s < 25; s++)
            {
                await connection.SendAsync((ushort)SpuApiKey.StreamFetch, s + 1,
                    new StreamFetchRequest("big", 0, 0, 32 * 1024 * 1024, Isolation.ReadUncommitted, ReadOnlyMemory<byte>.Empty, [], null));
            }
            using var channel = GrpcChannel.ForAddress(broker.Endpoint, new GrpcChannelOptions { HttpHandler = new SocketsHttpHandler { InitialHttp2StreamWindowSize = 65535 } });
            var consumer = new GrpcProto.Consumer.ConsumerClient(channel);
            var calls = Enumerable.Range(0, 10).Select(_ => consumer.Consume(new GrpcProto.ConsumeRequest { Topic = "big", MaxBytes = int.MaxValue, Continuous = true }, cancellationToken: ct)).ToList();
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(4), ct);
            }
            finally
            {
                foreach (var call in calls)
                {
                    call.Dispose();
                }
            }
        }

        async Task ConsumerIdFloodAsync(int round, CancellationToken ct)
        {
            var tooLarge = await Assert.ThrowsAsync<FluvioException>(() => client.CommitOffsetAsync(new string('c', 20_000_000), "big", 0, 1, ct));
            Assert.Equal(FluvioErrorCode.RecordTooLarge, tooLarge.Code);
            var tooLong = await Assert.ThrowsAsync<FluvioException>(() => client.CommitOffsetAsync(new string('c', 30_000), "big", 0, 1, ct));
            Assert.Equal(FluvioErrorCode.InvalidArgument, tooLong.Code);
            for (int i = 0; i < 20; i++)
            {
                try
                {
                    await client.CommitOffsetAsync($"crowd-{round}-{i}", "big", 0, 1, ct);
                }
                catch (FluvioException e) when (e.Code == FluvioErrorCode.InvalidArgument)
                {
                    // --max-consumers-per-topic reached: the limit doing its job.
                }
            }
        }

        async Task HalfSentFramesAsync(int round, CancellationToken ct)
        {
            var partial = new byte[4 + 8 * 1024 * 1024];
            BinaryPrimitives.WriteInt32BigEndian(partial, 32 * 1024 * 1024);
            var connections = new List<RawNativeSocket>();
            try
            {
                for (int i = 0; i < 8; i++)
                {
                    var connection = await RawNativeSocket.ConnectAsync(broker.SpuEndpoint);
                    connections.Add(connection);
                    _ = connection.SendAsync(partial, ct).ContinueWith(t => t.Exception, TaskScheduler.Default);
                }
                await Task.Delay(TimeSpan.FromSeconds(4), ct);
            }
            finally
            {
                foreach (var connection in connections)
                {
                    await connection.DisposeAsync();
                }
            }
        }
    }

    /// <summary>Runs one attack round after round until the soak ends; returns "name: rounds".</summary>
    private async Task<string> Loop(string name, CancellationToken stop, Func<int, CancellationToken, Task> attack)
    {
        int round = 0, refused = 0;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await attack(round, stop);
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
                // The soak's end cancels a round midway, in whatever form the call reports it.
                break;
            }
            catch (Exception e) when (e is SocketException or IOException || e is FluvioException { Code: FluvioErrorCode.ConnectionFailed })
            {
                // While the flood holds the connection cap, the attacker's own new connections are
                // refused: the cap at work (the side traffic's connections were made before).
                refused++;
            }
            round++;
        }
        output.WriteLine($"{name}: {round} rounds, {refused} refused a connection");
        return $"{name} ×{round}";
    }

    private static async Task<long> ReadContinuouslyAsync(FluvioClient native, TaskCompletionSource reading, CancellationToken stop)
    {
        long read = 0;
        try
        {
            await foreach (var _ in native.ConsumeAsync(SideTraffic.Topic, new ConsumerOptions { Continuous = true }, stop))
            {
                read++;
                reading.TrySetResult();
            }
        }
        catch (Exception) when (stop.IsCancellationRequested)
        {
            // The soak's end, reported as a cancellation in one form or another.
        }
        return read;
    }

    private static System.Net.IPEndPoint Endpoint(string hostPort) => System.Net.IPEndPoint.Parse(hostPort);
}
