namespace Fluvio.Protocol.Native;

/// <summary>SpuType (u8).</summary>
public enum SpuType : byte
{
    Managed = 0,
    Custom = 1,
}

/// <summary>EncryptionEnum (u8).</summary>
public enum Encryption : byte
{
    Plaintext = 0,
    Ssl = 1,
}

/// <summary>One address of an ingress: a host name or an IP (the client prefers the host name).</summary>
public sealed record IngressAddress(string? Hostname, string? Ip)
{
    public static IngressAddress Decode(WireReader reader) => new(reader.OptionalString(), reader.OptionalString());

    public void Encode(WireWriter writer)
    {
        writer.OptionalString(Hostname);
        writer.OptionalString(Ip);
    }
}

/// <summary>Where clients reach an SPU: a port and its addresses. The client dials ingress[0].</summary>
public sealed record IngressPort(ushort Port, IReadOnlyList<IngressAddress> Ingress, Encryption Encryption)
{
    public static IngressPort Decode(WireReader reader) =>
        new(reader.U16(), reader.List(IngressAddress.Decode), (Encryption)reader.U8());

    public void Encode(WireWriter writer)
    {
        writer.U16(Port);
        writer.List(Ingress, static (w, address) => address.Encode(w));
        writer.U8((byte)Encryption);
    }
}

/// <summary>A host and port (the SPU's private endpoint).</summary>
public sealed record HostEndpoint(ushort Port, string Host, Encryption Encryption)
{
    public static HostEndpoint Decode(WireReader reader) => new(reader.U16(), reader.String(), (Encryption)reader.U8());

    public void Encode(WireWriter writer)
    {
        writer.U16(Port);
        writer.String(Host);
        writer.U8((byte)Encryption);
    }
}

/// <summary>
/// An SPU's spec (label "SPU", wire protocol §4.8.3). Clients match <see cref="Id"/> against a
/// partition's leader and dial <see cref="PublicEndpoint"/>.
/// </summary>
public sealed record SpuSpec(
    int Id,
    SpuType Type,
    IngressPort PublicEndpoint,
    HostEndpoint PrivateEndpoint,
    string? Rack,
    HostEndpoint? PublicEndpointLocal) : IWireCodec<SpuSpec>
{
    public static SpuSpec Decode(WireReader reader, short version) => new(
        reader.I32(),
        (SpuType)reader.U8(),
        IngressPort.Decode(reader),
        HostEndpoint.Decode(reader),
        reader.OptionalString(),
        version >= 1 && reader.Present() ? HostEndpoint.Decode(reader) : null);

    public void Encode(WireWriter writer, short version)
    {
        writer.I32(Id);
        writer.U8((byte)Type);
        PublicEndpoint.Encode(writer);
        PrivateEndpoint.Encode(writer);
        writer.OptionalString(Rack);
        if (version >= 1)
        {
            writer.Bool(PublicEndpointLocal is not null);
            PublicEndpointLocal?.Encode(writer);
        }
    }
}

/// <summary>SpuStatus: resolution only (0 Online, 1 Offline, 2 Init); clients do not check it.</summary>
public sealed record SpuStatus(byte Resolution) : IWireCodec<SpuStatus>
{
    public const byte Online = 0;

    public static SpuStatus Decode(WireReader reader, short version) => new(reader.U8());

    public void Encode(WireWriter writer, short version) => writer.U8(Resolution);
}
