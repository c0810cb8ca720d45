using System.Diagnostics;
using Fluvio.Client;
using Fluvio.Client.LocalCluster;
using Fluvio.Storage;

namespace Fluvio.Bench;

/// <summary>
/// Case 6: after an unclean stop (SIGKILL), opening the data directory CRC-checks every batch of
/// the active segment. Measured in-process on the storage the broker left behind: GB/s of the
/// active segment scanned.
/// </summary>
internal static class RecoveryScan
{
    public static async Task<Measurement> RunAsync(string work, string brokerPath, long targetBytes)
    {
        string home = Path.Combine(work, "recovery");
        var cluster = new LocalClusterManager(home, brokerPath);
        var (broker, _) = await cluster.StartAsync(Path.Combine(home, "data"), 0, CancellationToken.None, scPort: 0, spuPort: 0);
        const int RecordBytes = 1000;
        int records = (int)(targetBytes / RecordBytes);
        await using (var client = await FluvioClient.ConnectAsync(broker.Endpoint))
        {
            await client.CreateTopicAsync(new TopicSpec("recovery"));
            await LibraryProduce.RunAsync(client, "recovery", records, RecordBytes);
        }
        using (var process = Process.GetProcessById(broker.ProcessId))
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        string partition = Path.Combine(home, "data", "topics", "recovery", "0");
        // Only the active segment (the newest: names are zero-padded base offsets) is scanned; the
        // full run's 1 GiB rolls past the 1 GiB segment size, and counting the rolled segment's
        // bytes too gave 35 GB/s.
        long bytes = new FileInfo(Directory.GetFiles(partition, "*.log").Order(StringComparer.Ordinal).Last()).Length;
        // The log was just written and sits in the page cache: this is the CRC-and-parse speed of
        // recovery, not the disk's read speed.
        var clock = Stopwatch.StartNew();
        await using (LogStore.Open(Path.Combine(home, "data"), new StorageOptions()))
        {
            clock.Stop();
        }
        File.Delete(cluster.StateFile);
        return new Measurement(records, bytes, clock.Elapsed);
    }
}
