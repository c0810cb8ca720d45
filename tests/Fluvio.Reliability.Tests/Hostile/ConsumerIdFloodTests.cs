using Fluvio.Client;
using Xunit.Abstractions;

namespace Fluvio.Reliability.Tests.Hostile;

/// <summary>
/// Issue 12, item 6: consumer ids had no length or count limit and every commit rewrote one
/// JSON file of all consumers (15 commits with 20 MB ids: a 300 MB file, 4.35 GB RSS, a 10-byte
/// commit then 1.8 s). Now an id past --max-consumer-id-bytes (1 KiB) is refused with a short
/// message, a topic holds at most --max-consumers-per-topic consumers, each consumer is its own
/// small file, and the broker's memory and files stay small.
/// </summary>
public sealed class ConsumerIdFloodTests(ITestOutputHelper output)
{
    [Fact(Timeout = 180_000)]
    public async Task Huge_and_countless_consumer_ids_are_refused_and_hold_nothing()
    {
        const int MaxConsumers = 50;
        await using var broker = await BrokerHost.StartAsync(null, "--max-consumers-per-topic", MaxConsumers.ToString());
        await using var client = await FluvioClient.ConnectAsync(broker.Endpoint);
        await using var native = await FluvioClient.ConnectAsync(new Uri($"fluvio://{broker.ScEndpoint}"));
        await client.CreateTopicAsync(new TopicSpec("offsets"));
        await Produce.StampedAsync(client, "offsets", producer: 1, count: 10);
        long residentAtStart = broker.ResidentMiB;

        // A 20 MB id is refused as it arrives: requests other than produce are limited to 64 KiB.
        for (int i = 0; i < Mode.Pick(3, 15); i++)
        {
            var refused = await Assert.ThrowsAsync<FluvioException>(() => client.CommitOffsetAsync(new string('c', 20_000_000) + i, "offsets", 0, 5));
            Assert.Equal(FluvioErrorCode.RecordTooLarge, refused.Code);
            Assert.Contains("refused a message as too large", refused.Message);
            Assert.InRange(refused.Message.Length, 1, 300);
        }
        // An id that fits a request but not the limit is refused by the core, through both doors.
        foreach (var door in new[] { client, native })
        {
            var refused = await Assert.ThrowsAsync<FluvioException>(() => door.CommitOffsetAsync(new string('c', 30_000), "offsets", 0, 5));
            // The native wire has no InvalidArgument code: the SPU's Other error carries the same message.
            Assert.Equal(door == client ? FluvioErrorCode.InvalidArgument : FluvioErrorCode.Unknown, refused.Code);
            Assert.Contains("The consumer id is too long: at least 30000 bytes, the limit is 1024 bytes", refused.Message);
            Assert.InRange(refused.Message.Length, 1, 300);
        }

        for (int i = 0; i < MaxConsumers; i++)
        {
            await (i % 2 == 0 ? client : native).CommitOffsetAsync($"reader-{i}", "offsets", 0, i % 10);
        }
        var full = await Assert.ThrowsAsync<FluvioException>(() => client.CommitOffsetAsync("one-too-many", "offsets", 0, 1));
        output.WriteLine(full.Message);
        Assert.Equal(FluvioErrorCode.InvalidArgument, full.Code);

        // Committing again as one of them rewrites its own small file only.
        await client.CommitOffsetAsync("reader-3", "offsets", 0, 9);
        Assert.Equal(9, (await native.GetOffsetAsync("reader-3", "offsets", 0))!.Offset);
        long offsetBytes = Directory.EnumerateFiles(Path.Combine(broker.DataDirectory, "consumer-offsets"), "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        long resident = broker.ResidentMiB;
        Figures.Report(output, nameof(ConsumerIdFloodTests),
            $"{MaxConsumers} consumers stored in {offsetBytes} bytes; RSS {resident} MiB ({residentAtStart} before the 20 MB ids)");
        Assert.True(offsetBytes < MaxConsumers * 4096, $"{offsetBytes} bytes of consumer offsets");
        Assert.True(resident < residentAtStart + 100, $"{resident} MiB resident after the floods ({residentAtStart} before)");
        Assert.False(broker.HasExited, broker.Diagnostics);
    }
}
