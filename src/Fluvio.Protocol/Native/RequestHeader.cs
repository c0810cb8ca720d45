namespace Fluvio.Protocol.Native;

/// <summary>
/// What precedes every request body (wire protocol §1.3). It is never version-gated; the body is
/// encoded with <see cref="ApiVersion"/>, and so must be its response.
/// </summary>
public sealed record RequestHeader(ushort ApiKey, short ApiVersion, int CorrelationId, string ClientId)
{
    public static RequestHeader Decode(WireReader reader) =>
        new(reader.U16(), reader.I16(), reader.I32(), reader.String());

    public void Encode(WireWriter writer)
    {
        writer.U16(ApiKey);
        writer.I16(ApiVersion);
        writer.I32(CorrelationId);
        writer.String(ClientId);
    }
}
