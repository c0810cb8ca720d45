using System.Text;
using Fluvio.Protocol.Compression;
using Fluvio.Protocol.Records;

namespace Fluvio.Reliability.Tests.Fuzz;

/// <summary>Well-formed inputs the fuzzers start from: batches of every codec and shape.</summary>
internal static class Seeds
{
    public static List<byte[]> Batches()
    {
        var seeds = new List<byte[]>();
        foreach (var codec in Enum.GetValues<CompressionCodec>())
        {
            seeds.Add(Batch(codec, 1, withKeys: true, valueSize: 10));
            seeds.Add(Batch(codec, 20, withKeys: false, valueSize: 40));
            seeds.Add(Batch(codec, 3, withKeys: true, valueSize: 0));
            seeds.Add(Batch(codec, 200, withKeys: true, valueSize: 200));
        }
        return seeds;
    }

    /// <summary>Compressed payloads alone (the records part of a batch), per codec.</summary>
    public static List<(CompressionCodec Codec, byte[] Payload)> Payloads() =>
        [.. Batches().Select(b => (Codec: (CompressionCodec)(b[BatchLayout.Attributes + 1] & BatchLayout.CompressionMask), Payload: b[BatchLayout.Records..]))
            .Where(p => p.Codec != CompressionCodec.None)];

    public static byte[] Batch(CompressionCodec codec, int count, bool withKeys, int valueSize)
    {
        var builder = new RecordBatchBuilder(codec, 1_700_000_000_000);
        for (int i = 0; i < count; i++)
        {
            byte[] value = Encoding.UTF8.GetBytes($"value-{i}-".PadRight(valueSize, 'x'));
            if (withKeys)
            {
                builder.Append(Encoding.UTF8.GetBytes($"key-{i % 5}"), value, 1_700_000_000_000 + i);
            }
            else
            {
                builder.AppendKeyless(value, 1_700_000_000_000 + i);
            }
        }
        return builder.Build().ToArray();
    }
}
