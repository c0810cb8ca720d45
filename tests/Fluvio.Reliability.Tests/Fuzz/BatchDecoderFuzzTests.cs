using Fluvio.Protocol.Compression;
using Fluvio.Protocol.Records;
using Xunit.Abstractions;

namespace Fluvio.Reliability.Tests.Fuzz;

/// <summary>
/// Issue item 10, the record batch and codec decoders: random and mutated inputs, bounded in
/// time. They may only fail with InvalidDataException (their documented "bad input"), never
/// crash, hang, or allocate without bound. Half the batch inputs get their CRC repaired, so the
/// fuzzing reaches the record and decompression code behind the CRC check.
/// </summary>
public sealed class BatchDecoderFuzzTests(ITestOutputHelper output)
{
    private static TimeSpan Duration => Mode.Pick(TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(60));

    [Fact(Timeout = 300_000)]
    public async Task Batch_decoders_survive_random_and_mutated_batches()
    {
        var random = Mode.SeededRandom(output);
        var mutator = new Mutator(random, Seeds.Batches());
        long tried = await FuzzLoop.RunAsync("RecordBatch", Duration,
            () => random.Next(2) == 0 ? mutator.Next() : mutator.NextValidFraming(),
            input =>
            {
                RecordBatch.TryValidate(input, out _, out _);
                foreach (var batch in RecordBatch.Split(input))
                {
                    foreach (var record in RecordBatch.ReadRecords(batch))
                    {
                        _ = record.Key.Length + record.Value.Length + record.Offset;
                    }
                }
            },
            typeof(InvalidDataException));
        Figures.Report(output, nameof(BatchDecoderFuzzTests), $"RecordBatch.TryValidate/Split/ReadRecords: {tried} inputs in {Duration.TotalSeconds} s, no crash, hang or unbounded allocation");
    }

    [Fact(Timeout = 300_000)]
    public async Task Every_codec_survives_random_and_mutated_payloads()
    {
        var random = Mode.SeededRandom(output);
        var payloads = Seeds.Payloads();
        var codecs = payloads.Select(p => p.Codec).Distinct().ToArray();
        var mutator = new Mutator(random, [.. payloads.Select(p => p.Payload)]);
        long tried = await FuzzLoop.RunAsync("BatchCompression.Decompress", Duration,
            mutator.Next,
            input =>
            {
                foreach (var codec in codecs)
                {
                    try
                    {
                        BatchCompression.Decompress(codec, input);
                    }
                    catch (InvalidDataException)
                    {
                    }
                }
                BatchCompression.Decompress((CompressionCodec)(5 + input.Length % 3), input);
            },
            typeof(InvalidDataException));
        Figures.Report(output, nameof(BatchDecoderFuzzTests), $"BatchCompression.Decompress ({string.Join(", ", codecs)}): {tried} inputs x {codecs.Length} codecs in {Duration.TotalSeconds} s, no crash, hang or unbounded allocation");
    }
}
