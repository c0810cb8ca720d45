namespace Fluvio.Storage.Tests;

/// <summary>
/// The JSON files in a data directory keep their format now that they are read and written by
/// source-generated serializers (the broker is trimmed and compiled ahead of time): a data
/// directory written before still opens, and what is written reads the same.
/// </summary>
public class FileFormatTests
{
    [Fact]
    public void A_topic_json_as_written_before_still_reads()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(Path.Combine(dir.Path, TopicConfigFile.FileName), """
            {
              "format": 1,
              "name": "orders",
              "partitions": 3,
              "replication_factor": 1,
              "retention_ms": 604800000,
              "segment_size": 1048576,
              "max_partition_size": 107374182400,
              "compression": "Lz4",
              "created_at": "2026-01-02T03:04:05+00:00"
            }
            """);

        var config = TopicConfigFile.Read(dir.Path);

        Assert.Equal(new TopicConfig("orders", 3, 1, TimeSpan.FromDays(7), 1048576, 107374182400, TopicCompression.Lz4,
            new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero)), config);
    }

    [Fact]
    public void A_topic_json_keeps_its_names_and_the_compression_as_a_word()
    {
        using var dir = new TempDirectory();
        var config = new TopicConfig("orders", 3, 1, TimeSpan.FromHours(1), 4096, 8192, TopicCompression.Zstd, DateTimeOffset.UnixEpoch);

        TopicConfigFile.Write(dir.Path, config);

        string text = File.ReadAllText(Path.Combine(dir.Path, TopicConfigFile.FileName));
        Assert.Contains("\"compression\": \"Zstd\"", text);
        Assert.Contains("\"replication_factor\": 1", text);
        Assert.Contains("\"retention_ms\": 3600000", text);
        Assert.Equal(config, TopicConfigFile.Read(dir.Path));
    }
}
