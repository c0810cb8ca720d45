using Fluvio.Protocol.Compression;

namespace Fluvio.Client.Tests;

internal static class TestBatches
{
    /// <summary>A sealed batch of <paramref name="count"/> keyless records of <paramref name="valueSize"/> bytes.</summary>
    public static ProducerBatch Make(int partition, int count = 1, int valueSize = 10, bool oversized = false)
    {
        var batch = new ProducerBatch(partition, CompressionCodec.None, 1_700_000_000_000, 0, 1024);
        for (int i = 0; i < count; i++)
        {
            batch.Append(default, false, new byte[valueSize], 1_700_000_000_000, valueSize);
        }
        batch.Oversized = oversized;
        batch.Seal();
        return batch;
    }
}
