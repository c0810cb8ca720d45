namespace Fluvio.Protocol.Native;

/// <summary>
/// A message part with its native encoding. The version is the request's api_version, passed
/// unchanged into nested parts (wire protocol §2, "Version gating").
/// </summary>
public interface IWireCodec<TSelf> where TSelf : IWireCodec<TSelf>
{
    static abstract TSelf Decode(WireReader reader, short version);

    void Encode(WireWriter writer, short version);
}
