using Fluvio.Protocol.Native;

namespace Fluvio.Protocol.Tests.Native;

/// <summary>
/// A captured frame with what it is: the api key and version of the request it is or answers.
/// A response names only its correlation id, so it is matched with the latest request of that id
/// on the same connection of the same capture (ids repeat: ApiVersions and the first request both
/// use 1, but the ApiVersions exchange is over before the next id 1 is sent).
/// </summary>
internal sealed record CapturedExchange(CapturedFrame Frame, bool OnSc, ushort ApiKey, short ApiVersion)
{
    public override string ToString() => $"{Frame.Where} {Frame.Summary[..Math.Min(60, Frame.Summary.Length)]}";

    public static IReadOnlyList<CapturedExchange> All { get; } = Load();

    private static List<CapturedExchange> Load()
    {
        var result = new List<CapturedExchange>();
        var requests = new Dictionary<(string Capture, string Conn, int Id), CapturedExchange>();
        foreach (var frame in OfficialFrames.Frames)
        {
            string capture = frame.Where[..frame.Where.IndexOf(':')];
            bool onSc = frame.Conn.StartsWith("SC", StringComparison.Ordinal);
            var reader = new WireReader(frame.Bytes.AsMemory(4));
            if (frame.FromClient)
            {
                var header = RequestHeader.Decode(reader);
                var exchange = new CapturedExchange(frame, onSc, header.ApiKey, header.ApiVersion);
                requests[(capture, frame.Conn, header.CorrelationId)] = exchange;
                result.Add(exchange);
            }
            else
            {
                var request = requests[(capture, frame.Conn, reader.I32())];
                result.Add(request with { Frame = frame });
            }
        }
        return result;
    }
}
