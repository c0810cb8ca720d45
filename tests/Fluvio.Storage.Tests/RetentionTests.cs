namespace Fluvio.Storage.Tests;

public class RetentionTests
{
    private static async Task<PartitionLog> FillSegments(LogStore store, TopicConfig config, int batches)
    {
        store.CreateTopic(config);
        var log = store.GetPartition(config.Name, 0);
        for (int i = 0; i < batches; i++)
        {
            await log.AppendAsync(Batches.Make(3, $"b{i}", valueSize: 60));
        }
        return log;
    }

    private static string[] Logs(TempDirectory dir, string topic) =>
        Directory.GetFiles(Path.Combine(dir.Path, "topics", topic, "0"), "*.log").Order().ToArray();

    [Fact]
    public async Task Size_retention_deletes_the_oldest_sealed_segments_and_moves_the_start()
    {
        using var dir = new TempDirectory();
        await using var store = LogStore.Open(dir.Path, Batches.Options());
        var log = await FillSegments(store, Batches.Topic("t", segmentSize: 1000) with { MaxPartitionSize = 2500 }, batches: 30);
        var before = Logs(dir, "t");
        long end = log.EndOffset;

        store.EnforceRetention(DateTime.UtcNow);

        var after = Logs(dir, "t");
        Assert.True(after.Length < before.Length);
        Assert.Equal(before[^after.Length..], after);
        Assert.True(log.SizeBytes <= 2500, $"{log.SizeBytes} bytes left");
        Assert.Equal(after.Sum(p => new FileInfo(p).Length), log.SizeBytes);
        Assert.Equal(long.Parse(Path.GetFileNameWithoutExtension(after[0])), log.LogStartOffset);
        Assert.Equal(end, log.EndOffset);
        Assert.Equal(FluvioErrorCode.OffsetOutOfRange, Assert.Throws<StorageException>(() => log.Read(0, 100)).Error);
        Assert.Equal(log.LogStartOffset, Batches.Records(log.Read(log.LogStartOffset, 1))[0].Offset);
        Assert.All(before[..^after.Length], p => Assert.False(File.Exists(Path.ChangeExtension(p, ".index"))));
    }

    [Fact]
    public async Task The_active_segment_is_never_deleted()
    {
        using var dir = new TempDirectory();
        await using var store = LogStore.Open(dir.Path, Batches.Options());
        var log = await FillSegments(store, Batches.Topic("t", segmentSize: 1000) with { MaxPartitionSize = 1, Retention = TimeSpan.FromMilliseconds(1) }, batches: 10);

        store.EnforceRetention(DateTime.UtcNow.AddDays(1));

        var remaining = Assert.Single(Logs(dir, "t"));
        Assert.Equal(long.Parse(Path.GetFileNameWithoutExtension(remaining)), log.LogStartOffset);
        Assert.NotEmpty(Batches.ReadAll(log));
        Assert.Equal(log.EndOffset, (await log.AppendAsync(Batches.Make(1, "x"))).Single());
    }

    [Fact]
    public async Task Time_retention_deletes_segments_last_written_before_the_retention_period()
    {
        using var dir = new TempDirectory();
        var lines = new List<string>();
        await using var store = LogStore.Open(dir.Path, Batches.Options(lines));
        var log = await FillSegments(store, Batches.Topic("t", segmentSize: 1000) with { Retention = TimeSpan.FromHours(1) }, batches: 30);
        var logs = Logs(dir, "t");
        File.SetLastWriteTimeUtc(logs[0], DateTime.UtcNow.AddHours(-3));
        File.SetLastWriteTimeUtc(logs[1], DateTime.UtcNow.AddHours(-2));
        File.SetLastWriteTimeUtc(logs[3], DateTime.UtcNow.AddHours(-2)); // old, but behind a young one: kept

        store.EnforceRetention(DateTime.UtcNow);

        Assert.Equal(logs[2..], Logs(dir, "t"));
        Assert.Equal(long.Parse(Path.GetFileNameWithoutExtension(logs[2])), log.LogStartOffset);
        Assert.Equal(2, lines.Count(l => l.Contains("deleted segment")));

        store.EnforceRetention(DateTime.UtcNow.AddHours(2));
        Assert.Single(Logs(dir, "t"));
    }

    [Fact]
    public async Task Retention_survives_a_reopen_and_runs_on_its_timer()
    {
        using var dir = new TempDirectory();
        long start;
        await using (var store = LogStore.Open(dir.Path, Batches.Options() with { RetentionCheckInterval = TimeSpan.FromMilliseconds(50) }))
        {
            var log = await FillSegments(store, Batches.Topic("t", segmentSize: 1000) with { MaxPartitionSize = 2500 }, batches: 30);
            await Bounded.Until(() => log.LogStartOffset > 0, TimeSpan.FromSeconds(10), "the retention timer to run");
            start = log.LogStartOffset;
        }
        await using (var store = LogStore.Open(dir.Path, Batches.Options()))
        {
            Assert.Equal(start, store.GetPartition("t", 0).LogStartOffset);
        }
    }
}
