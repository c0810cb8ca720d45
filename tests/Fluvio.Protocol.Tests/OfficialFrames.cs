using System.Text.Json;
using Fluvio.Protocol.Records;
using Fluvio.Testing.Vectors;

namespace Fluvio.Protocol.Tests;

/// <summary>One line of a capture: a frame the official client sent or accepted.</summary>
internal sealed record CapturedFrame(string Where, string Conn, bool FromClient, string Summary, byte[] Bytes);

/// <summary>
/// The captures in tests/vectors/official-client-frames (wire protocol §9) and the record batches
/// inside their ProduceRequest and StreamFetchResponse frames.
/// </summary>
internal static class OfficialFrames
{
    private const short ProduceKey = 0;
    private const short StreamFetchKey = 1003;

    private static readonly Lazy<IReadOnlyList<CapturedFrame>> LazyFrames = new(Load);
    private static readonly Lazy<Found> LazyFound = new(FindBatches);

    public static IReadOnlyList<CapturedFrame> Frames => LazyFrames.Value;

    /// <summary>Every batch, by a name that says where it was found.</summary>
    public static IReadOnlyDictionary<string, ReadOnlyMemory<byte>> Batches => LazyFound.Value.Batches;

    public static int ProduceRequestCount => LazyFound.Value.ProduceRequests;

    public static int StreamFetchResponseCount => LazyFound.Value.StreamFetchResponses;

    private sealed record Found(Dictionary<string, ReadOnlyMemory<byte>> Batches, int ProduceRequests, int StreamFetchResponses);

    private static List<CapturedFrame> Load()
    {
        var folder = TestVectors.PathOf("official-client-frames");
        var frames = new List<CapturedFrame>();
        foreach (var file in Directory.GetFiles(folder, "*.jsonl").Order(StringComparer.Ordinal))
        {
            int line = 0;
            foreach (var text in File.ReadLines(file))
            {
                line++;
                using var json = JsonDocument.Parse(text);
                var root = json.RootElement;
                frames.Add(new CapturedFrame(
                    $"{Path.GetFileNameWithoutExtension(file)}:{line}",
                    root.GetProperty("conn").GetString()!,
                    root.GetProperty("dir").GetString() == "C->S",
                    root.GetProperty("summary").GetString()!,
                    Convert.FromHexString(root.GetProperty("hex").GetString()!)));
            }
        }
        return frames;
    }

    private static Found FindBatches()
    {
        var batches = new Dictionary<string, ReadOnlyMemory<byte>>();
        int produces = 0, fetches = 0;
        // A response carries only its correlation id: the request with that id on the same
        // connection of the same capture says what it answers, and with which api_version.
        var requests = new Dictionary<(string, string, int), (short Key, short Version)>();
        // Api keys are per server (on the SC, 1003 is List), so only SPU connections are walked.
        foreach (var frame in Frames.Where(f => f.Conn.StartsWith("SPU", StringComparison.Ordinal)))
        {
            string capture = frame.Where[..frame.Where.IndexOf(':')];
            if (frame.FromClient)
            {
                var (key, version, correlationId) = FrameWalker.RequestHeader(frame.Bytes);
                requests[(capture, frame.Conn, correlationId)] = (key, version);
                if (key == ProduceKey)
                {
                    produces++;
                    // Entries may repeat a partition (one entry per batch, §5.2): name them by position.
                    var sets = FrameWalker.ProduceRequest(frame.Bytes);
                    for (int entry = 0; entry < sets.Count; entry++)
                    {
                        Add(batches, $"{frame.Where} produce[{entry}]", sets[entry].Batches);
                    }
                }
            }
            else if (requests.TryGetValue((capture, frame.Conn, FrameWalker.ResponseCorrelationId(frame.Bytes)), out var request)
                && request.Key == StreamFetchKey)
            {
                fetches++;
                var set = FrameWalker.StreamFetchResponse(frame.Bytes, request.Version);
                Add(batches, $"{frame.Where} fetch", set.Batches);
            }
        }
        return new Found(batches, produces, fetches);
    }

    private static void Add(Dictionary<string, ReadOnlyMemory<byte>> batches, string where, ReadOnlyMemory<byte> recordSet)
    {
        var split = RecordBatch.Split(recordSet);
        for (int i = 0; i < split.Count; i++)
        {
            batches.Add($"{where} #{i}", split[i]);
        }
    }
}
