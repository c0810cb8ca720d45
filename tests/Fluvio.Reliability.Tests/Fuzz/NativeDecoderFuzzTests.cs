using System.Net.Sockets;
using System.Reflection;
using Fluvio.Protocol.Native;
using Xunit.Abstractions;

namespace Fluvio.Reliability.Tests.Fuzz;

/// <summary>
/// Issue item 10, the native Fluvio protocol (src/Fluvio.Protocol/Native, written alongside this
/// suite): every message decoder, found by reflection, over random and mutated frames, in
/// process; then the same frames thrown at the broker's SC and SPU ports. Decoders may only fail
/// with WireFormatException; the broker must keep answering.
/// </summary>
public sealed class NativeDecoderFuzzTests(ITestOutputHelper output)
{
    private static TimeSpan Duration => Mode.Pick(TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(60));
    private static readonly short[] Versions = [-1, 0, 1, 2, 7, 8, 10, 18, 23, 25, short.MaxValue];

    [Fact(Timeout = 300_000)]
    public async Task Every_native_decoder_survives_random_and_mutated_frames()
    {
        var decoders = Decoders();
        Assert.NotEmpty(decoders);
        var random = Mode.SeededRandom(output);
        var mutator = new Mutator(random, [.. SeedFrames().Select(f => f[4..])]);
        long tried = await FuzzLoop.RunAsync("native decoders", Duration, mutator.Next, input =>
        {
            var header = TryHeader(input);
            foreach (var (type, decode) in decoders)
            {
                short version = header?.ApiVersion ?? Versions[random.Next(Versions.Length)];
                try
                {
                    decode(new WireReader(input.AsMemory(Math.Min(input.Length, random.Next(0, 12)))), version);
                }
                catch (TargetInvocationException e) when (e.InnerException is WireFormatException or InvalidDataException)
                {
                }
                catch (TargetInvocationException e)
                {
                    throw new InvalidOperationException($"{type.Name}.Decode: {e.InnerException!.GetType().Name}: {e.InnerException.Message}", e.InnerException);
                }
            }
        }, typeof(WireFormatException));
        Figures.Report(output, nameof(NativeDecoderFuzzTests), $"{decoders.Count} native decoders: {tried} inputs each in {Duration.TotalSeconds} s, no crash, hang or unbounded allocation");
    }

    [Fact(Timeout = 300_000)]
    public async Task The_native_listeners_survive_random_and_mutated_frames()
    {
        var random = Mode.SeededRandom(output);
        var seeds = SeedFrames();
        var frameMutator = new Mutator(random, seeds);
        var payloadMutator = new Mutator(random, [.. seeds.Select(f => f[4..])]);
        await using var broker = await BrokerHost.StartAsync();
        int frames = Mode.Pick(600, 10_000), connections = 0;
        foreach (string endpoint in new[] { broker.ScEndpoint, broker.SpuEndpoint })
        {
            Assert.False(string.IsNullOrEmpty(endpoint), "the broker did not report its native endpoints");
            var (host, port) = Split(endpoint);
            for (int sent = 0; sent < frames / 2;)
            {
                using var client = new TcpClient();
                await client.ConnectAsync(host, port).WaitAsync(TimeSpan.FromSeconds(10));
                connections++;
                var stream = client.GetStream();
                try
                {
                    // A few frames per connection; the broker may answer, or close on a bad one.
                    for (int i = 0; i < 8 && sent < frames / 2; i++, sent++)
                    {
                        // Mostly a right size around a damaged body; sometimes the size itself is damaged.
                        byte[] frame = random.Next(4) == 0 ? frameMutator.Next() : WithSize(payloadMutator.Next());
                        await stream.WriteAsync(frame).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
                        using var read = new CancellationTokenSource(TimeSpan.FromMilliseconds(20));
                        try
                        {
                            _ = await stream.ReadAsync(new byte[64 * 1024], read.Token);
                        }
                        catch (OperationCanceledException)
                        {
                        }
                    }
                }
                catch (Exception e) when (e is IOException or SocketException or TimeoutException)
                {
                    // Closed by the broker: a new connection for the next frames.
                }
                Assert.False(broker.HasExited, $"the broker died:\n{broker.Diagnostics}");
            }
        }

        // Still serving: a well-formed ApiVersions request on each port gets its answer.
        foreach (string endpoint in new[] { broker.ScEndpoint, broker.SpuEndpoint })
        {
            var (host, port) = Split(endpoint);
            using var client = new TcpClient();
            await client.ConnectAsync(host, port).WaitAsync(TimeSpan.FromSeconds(10));
            var stream = client.GetStream();
            await stream.WriteAsync(seeds[0]);
            var reader = new FrameReader(stream);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            Assert.NotNull(await reader.ReadAsync(timeout.Token));
        }
        Figures.Report(output, nameof(NativeDecoderFuzzTests), $"{frames} random and mutated frames on {connections} connections to the SC and SPU ports; the broker kept answering");
    }

    /// <summary>Well-formed request frames (with their i32 size) to mutate.</summary>
    private static List<byte[]> SeedFrames() =>
    [
        NativeFrame.Request(new RequestHeader((ushort)SpuApiKey.ApiVersions, 2, 1, "fuzz"), new ApiVersionsRequest("0.11.11", "linux", "x86_64")),
        NativeFrame.Request(new RequestHeader((ushort)SpuApiKey.FetchOffsets, 23, 2, "fuzz"), new FetchOffsetsRequest([new FetchOffsetTopic("fuzzed", [0, 1])], "reader")),
        NativeFrame.Request(new RequestHeader((ushort)SpuApiKey.Produce, 8, 3, "fuzz"),
            new ProduceRequest(null, 1, 1500, [new TopicProduceData("fuzzed", [new PartitionProduceData(0, Seeds.Batches()[0])])], [])),
        NativeFrame.Request(new RequestHeader((ushort)ScApiKey.List, 18, 4, "fuzz"), w => w.String("topic")),
    ];

    /// <summary>Each public IWireCodec type's static Decode(WireReader, short), as a delegate.</summary>
    private static List<(Type Type, Action<WireReader, short> Decode)> Decoders()
    {
        var decoders = new List<(Type, Action<WireReader, short>)>();
        foreach (var type in typeof(WireReader).Assembly.GetExportedTypes())
        {
            if (type.IsGenericTypeDefinition || !type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IWireCodec<>)))
            {
                continue;
            }
            var method = type.GetMethod("Decode", BindingFlags.Public | BindingFlags.Static, [typeof(WireReader), typeof(short)]);
            if (method is not null)
            {
                decoders.Add((type, (reader, version) => method.Invoke(null, [reader, version])));
            }
        }
        return decoders;
    }

    private static RequestHeader? TryHeader(byte[] input)
    {
        try
        {
            return RequestHeader.Decode(new WireReader(input));
        }
        catch (WireFormatException)
        {
            return null;
        }
    }

    private static byte[] WithSize(byte[] payload)
    {
        var frame = new byte[4 + payload.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(frame, payload.Length);
        payload.CopyTo(frame, 4);
        return frame;
    }

    private static (string Host, int Port) Split(string endpoint)
    {
        int colon = endpoint.LastIndexOf(':');
        return (endpoint[..colon], int.Parse(endpoint[(colon + 1)..]));
    }
}
