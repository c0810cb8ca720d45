using Fluvio.Protocol.Compression;
using Fluvio.Protocol.Records;

namespace Fluvio.Broker.Tests;

/// <summary>Record batches for native produce requests, with the records they hold.</summary>
internal static class NativeBatches
{
    /// <summary>A batch of binary records, as a producer encodes it (its base offset is the producer's placeholder).</summary>
    public static (byte[] Bytes, List<(byte[] Key, byte[] Value)> Records) Build(CompressionCodec codec, int seed, int count)
    {
        var random = new Random(seed);
        var builder = new RecordBatchBuilder(codec, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        var records = new List<(byte[], byte[])>();
        for (int i = 0; i < count; i++)
        {
            var key = new byte[1 + random.Next(16)];
            var value = new byte[random.Next(300)];
            random.NextBytes(key);
            random.NextBytes(value);
            builder.Append(key, value, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            records.Add((key, value));
        }
        return (builder.Build().ToArray(), records);
    }
}
