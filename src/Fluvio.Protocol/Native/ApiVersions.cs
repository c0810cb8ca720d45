namespace Fluvio.Protocol.Native;

/// <summary>ApiVersions request (wire protocol §3.1); the client always sends version 2.</summary>
public sealed record ApiVersionsRequest(string ClientVersion, string ClientOs, string ClientArch) : IWireCodec<ApiVersionsRequest>
{
    public static ApiVersionsRequest Decode(WireReader reader, short version) =>
        version >= 1 ? new(reader.String(), reader.String(), reader.String()) : new("", "", "");

    public void Encode(WireWriter writer, short version)
    {
        if (version >= 1)
        {
            writer.String(ClientVersion);
            writer.String(ClientOs);
            writer.String(ClientArch);
        }
    }
}

/// <summary>One advertised request kind and the versions of it a server accepts.</summary>
public sealed record ApiVersionKey(short ApiKey, short MinVersion, short MaxVersion)
{
    public static ApiVersionKey Decode(WireReader reader) => new(reader.I16(), reader.I16(), reader.I16());

    public void Encode(WireWriter writer)
    {
        writer.I16(ApiKey);
        writer.I16(MinVersion);
        writer.I16(MaxVersion);
    }

    public bool Accepts(short version) => version >= MinVersion && version <= MaxVersion;
}

/// <summary>
/// ApiVersions response (§3.2). The client parses <see cref="PlatformVersion"/> as strict semver
/// and fails the connection otherwise.
/// </summary>
public sealed record ApiVersionsResponse(ErrorCode Error, IReadOnlyList<ApiVersionKey> ApiKeys, string PlatformVersion)
    : IWireCodec<ApiVersionsResponse>
{
    public static ApiVersionsResponse Decode(WireReader reader, short version) =>
        new(ErrorCode.Decode(reader, version), reader.List(ApiVersionKey.Decode), reader.String());

    public void Encode(WireWriter writer, short version)
    {
        Error.Encode(writer, version);
        writer.List(ApiKeys, static (w, key) => key.Encode(w));
        writer.String(PlatformVersion);
    }
}
