using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using Fluvio.Bench;
using Fluvio.Client;
using Fluvio.Client.LocalCluster;

// fluvio-bench: end-to-end figures against a real broker process on this machine.
//   dotnet run -c Release --project bench/Fluvio.Bench -- [--records N] [--size BYTES] [--partitions P] [--flush-mode fsync|interval]

var settings = BenchSettings.Parse(args);
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}");
Console.WriteLine($"durability: {settings.FlushMode} (acknowledged after {(settings.FlushMode == "fsync" ? "fsync, grouped" : "write; fsync on a timer")})");

string work = Directory.CreateTempSubdirectory("fluvio-bench-").FullName;
var cluster = new LocalClusterManager(work, BrokerPath());
var (broker, _) = await cluster.StartAsync(Path.Combine(work, "data"), 0, CancellationToken.None, ["--flush-mode", settings.FlushMode]);
try
{
    await using var client = await FluvioClient.ConnectAsync(broker.Endpoint);
    await client.CreateTopicAsync(new TopicSpec("bench") { Partitions = settings.Partitions });

    var produce = await LibraryProduce.RunAsync(client, "bench", settings);
    Report("library produce", produce);
    var consume = await LibraryConsume.RunAsync(client, "bench", settings);
    Report("library consume", consume);

    await client.CreateTopicAsync(new TopicSpec("bench-pipeline") { Partitions = settings.Partitions });
    var (pipeline, nullSink) = PipelineSend.Run(broker.Endpoint, "bench-pipeline", settings.Records);
    Report("null-sink cmdlet", nullSink);
    Report("Send-FluvioRecord", pipeline);
    double pipelineRatio = pipeline.RecordsPerSecond / nullSink.RecordsPerSecond;
    Console.WriteLine($"pipeline ratio (Send-FluvioRecord / null sink): {pipelineRatio:F2}");

    Console.WriteLine(JsonSerializer.Serialize(new
    {
        records = settings.Records,
        record_bytes = settings.RecordBytes,
        partitions = settings.Partitions,
        producer_rps = Math.Round(produce.RecordsPerSecond),
        consumer_rps = Math.Round(consume.RecordsPerSecond),
        pipeline_rps = Math.Round(pipeline.RecordsPerSecond),
        null_sink_rps = Math.Round(nullSink.RecordsPerSecond),
        pipeline_ratio = Math.Round(pipelineRatio, 2),
    }));
}
finally
{
    await cluster.StopAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
    Directory.Delete(work, recursive: true);
}

void Report(string name, Measurement m) =>
    Console.WriteLine($"{name,-18} {m.Records,10:N0} records in {m.Elapsed.TotalSeconds,6:F2} s: {m.RecordsPerSecond,12:N0} records/s, {m.MegabytesPerSecond,8:F1} MB/s");

static string BrokerPath()
{
    // artifacts/bin/Fluvio.Bench/<config>/ → artifacts/bin/Fluvio.Broker/<config>/fluvio-broker.dll
    var dir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
    return Path.Combine(dir.Parent!.Parent!.FullName, "Fluvio.Broker", dir.Name, "fluvio-broker.dll");
}
