namespace Fluvio.Protocol.Native;

/// <summary>
/// A topic's spec (label "Topic", wire protocol §4.8.1). Fields after <see cref="Replicas"/>
/// exist from the versions noted; decoded older, they take Fluvio's defaults.
/// </summary>
public sealed record TopicSpec(
    ReplicaSpec Replicas,
    CleanupPolicy? CleanupPolicy = null,
    TopicStorageConfig? Storage = null,
    TopicCompression Compression = TopicCompression.Any,
    Deduplication? Deduplication = null,
    bool System = false) : IWireCodec<TopicSpec>
{
    public static TopicSpec Decode(WireReader reader, short version)
    {
        var replicas = ReplicaSpec.Decode(reader, version);
        var cleanup = version >= 3 ? Optional.Read<CleanupPolicy>(reader, version) : null;
        var storage = version >= 4 ? Optional.Read<TopicStorageConfig>(reader, version) : null;
        var compression = version >= 6 ? NativeCompression.Read(reader) : TopicCompression.Any;
        var deduplication = version >= 12 ? Optional.Read<Deduplication>(reader, version) : null;
        bool system = version >= 13 && reader.Bool();
        return new TopicSpec(replicas, cleanup, storage, compression, deduplication, system);
    }

    public void Encode(WireWriter writer, short version)
    {
        Replicas.Encode(writer, version);
        if (version >= 3)
        {
            Optional.Write(writer, CleanupPolicy, version);
        }
        if (version >= 4)
        {
            Optional.Write(writer, Storage, version);
        }
        if (version >= 6)
        {
            NativeCompression.Write(writer, Compression);
        }
        if (version >= 12)
        {
            Optional.Write(writer, Deduplication, version);
        }
        if (version >= 13)
        {
            writer.Bool(System);
        }
    }
}

/// <summary>TopicResolution (u8): where a topic is in its life.</summary>
public enum TopicResolution : byte
{
    Init = 0,
    Pending = 1,
    InsufficientResources = 2,
    InvalidConfig = 3,
    Provisioned = 4,
    Deleting = 5,
}

/// <summary>
/// A topic's status: resolution, partition → replica SPUs (a BTreeMap: u16 count, ascending
/// keys), mirror map (from version 14, entries kept encoded) and a reason text.
/// </summary>
public sealed record TopicStatus(
    TopicResolution Resolution,
    IReadOnlyList<KeyValuePair<uint, IReadOnlyList<int>>> ReplicaMap,
    IReadOnlyList<KeyValuePair<uint, ReadOnlyMemory<byte>>> MirrorMap,
    string Reason) : IWireCodec<TopicStatus>
{
    public static TopicStatus Decode(WireReader reader, short version)
    {
        var resolution = (TopicResolution)reader.U8();
        int count = reader.MapCount();
        var replicaMap = new List<KeyValuePair<uint, IReadOnlyList<int>>>(count);
        for (int i = 0; i < count; i++)
        {
            replicaMap.Add(new(reader.U32(), reader.List(static r => r.I32())));
        }
        var mirrorMap = new List<KeyValuePair<uint, ReadOnlyMemory<byte>>>();
        if (version >= 14)
        {
            for (int i = reader.MapCount(); i > 0; i--)
            {
                mirrorMap.Add(new(reader.U32(), MirrorEncoding.ReadPartitionMirror(reader)));
            }
        }
        return new TopicStatus(resolution, replicaMap, mirrorMap, reader.String());
    }

    public void Encode(WireWriter writer, short version)
    {
        writer.U8((byte)Resolution);
        writer.U16(checked((ushort)ReplicaMap.Count));
        foreach (var (partition, replicas) in ReplicaMap)
        {
            writer.U32(partition);
            writer.List(replicas, static (w, spu) => w.I32(spu));
        }
        if (version >= 14)
        {
            writer.U16(checked((ushort)MirrorMap.Count));
            foreach (var (partition, mirror) in MirrorMap)
            {
                writer.U32(partition);
                writer.Raw(mirror.Span);
            }
        }
        writer.String(Reason);
    }
}
