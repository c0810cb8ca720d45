using System.Buffers.Binary;
using Fluvio.Client;
using Fluvio.Protocol.Records;
using Xunit.Abstractions;

namespace Fluvio.Reliability.Tests.Corruption;

/// <summary>
/// Issue item 3: damage inside an older (sealed) segment. Cutting there would silently drop the
/// acknowledged records of every later segment, so the partition is fenced instead: reads and
/// appends fail with StorageFailure naming the file and the problem, nothing on disk changes,
/// and the topic's other partition keeps working. Policy: README.md, "Damaged data".
/// </summary>
public sealed class SealedSegmentDamageTests(ITestOutputHelper output)
{
    public enum Damage
    {
        /// <summary>A bit in a record: only its batch's CRC can tell, which the read path checks.</summary>
        FlippedBitInRecord,

        /// <summary>A batch length that no longer leads to the next batch: recovery's header walk sees it.</summary>
        BrokenHeader,
    }

    [Theory(Timeout = 120_000)]
    [InlineData(Damage.FlippedBitInRecord)]
    [InlineData(Damage.BrokenHeader)]
    public async Task The_partition_is_fenced_with_a_clear_error_and_later_data_is_kept(Damage damage)
    {
        const string Topic = "sealed";
        string data = BrokerHost.NewDataDirectory();
        await using (var first = await BrokerHost.StartAsync(data))
        {
            await using var client = await FluvioClient.ConnectAsync(first.Endpoint);
            await client.CreateTopicAsync(new TopicSpec(Topic) { Partitions = 2, SegmentSize = 8 * 1024 });
            await Produce.StampedAsync(client, Topic, producer: 1, count: 600, perBatch: 20, partition: 0);
            await Produce.StampedAsync(client, Topic, producer: 2, count: 20, partition: 1);
            Assert.Equal(0, await first.StopAsync());
        }
        var logs = SegmentFiles.Logs(data, Topic, 0);
        Assert.True(logs.Length >= 3, $"expected several segments, got {logs.Length}");
        string target = logs[0];
        byte[] bytes = await File.ReadAllBytesAsync(target);
        var batch = SegmentFiles.Batches(bytes)[1];
        if (damage == Damage.FlippedBitInRecord)
        {
            bytes[batch.Position + batch.Size - 3] ^= 0x10;
        }
        else
        {
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(batch.Position + BatchLayout.BatchLength), batch.Size + 5);
        }
        await File.WriteAllBytesAsync(target, bytes);
        var before = logs.ToDictionary(l => l, File.ReadAllBytes);

        await using var broker = await BrokerHost.StartAsync(data);
        await using var reader = await FluvioClient.ConnectAsync(broker.Endpoint);

        var read = await Assert.ThrowsAsync<FluvioException>(() => ReadAllAsync(reader, Topic, 0));
        Assert.Equal(FluvioErrorCode.StorageFailure, read.Code);
        Assert.Contains("fenced", read.Message);
        Assert.Contains(target, read.Message);
        Assert.Contains(damage == Damage.FlippedBitInRecord ? "CRC-32C mismatch" : "is damaged", read.Message);
        output.WriteLine(read.Message);

        // Appends to it are refused too; the other partition reads and writes as before.
        await using (var producer = await reader.CreateProducerAsync(Topic))
        {
            var refused = producer.Send(null, new Stamp(3, 0).Encode(), 0);
            var accepted = producer.Send(null, new Stamp(3, 1).Encode(), 1);
            await producer.FlushAsync().Within(TimeSpan.FromSeconds(30), "a flush");
            Assert.Equal(FluvioErrorCode.StorageFailure, refused.Error?.Code);
            Assert.False(accepted.IsFaulted);
        }
        Assert.Equal(21, (await ReadAllAsync(reader, Topic, 1)).Count);

        // Nothing on disk was cut or rewritten: the operator finds it as it was.
        await broker.StopAsync();
        foreach (var (path, content) in before)
        {
            byte[] now = await File.ReadAllBytesAsync(path);
            Assert.True(content.SequenceEqual(now), $"{path} changed");
        }
        Figures.Report(output, nameof(SealedSegmentDamageTests), $"{damage}: partition fenced, {logs.Length} segments kept intact");
        TempData.Delete(data);
    }

    private static async Task<List<ConsumerRecord>> ReadAllAsync(FluvioClient client, string topic, int partition)
    {
        var records = new List<ConsumerRecord>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await foreach (var record in client.ConsumeAsync(topic, new ConsumerOptions { Partitions = [partition] }, timeout.Token))
        {
            records.Add(record);
        }
        return records;
    }
}
