namespace Fluvio.Protocol.Native;

/// <summary>
/// How a topic's partitions are placed (wire protocol §4.8.1), a u8-tagged enum: 0 Assigned
/// (explicit maps), 1 Computed (counts), 2 Mirror.
/// </summary>
public abstract record ReplicaSpec
{
    public abstract int PartitionCount { get; }

    public static ReplicaSpec Decode(WireReader reader, short version) => reader.U8() switch
    {
        0 => new AssignedReplicas(reader.List(r => PartitionMap.Decode(r, version))),
        1 => new ComputedReplicas(reader.U32(), reader.U32(), reader.Bool()),
        2 => new MirrorReplicas(MirrorEncoding.ReadTopicMirror(reader)),
        var tag => throw new WireFormatException($"Unknown ReplicaSpec tag {tag}."),
    };

    public abstract void Encode(WireWriter writer, short version);
}

/// <summary>Computed: Fluvio picks the SPUs. What every client sends for "N partitions".</summary>
public sealed record ComputedReplicas(uint Partitions, uint ReplicationFactor, bool IgnoreRackAssignment) : ReplicaSpec
{
    public override int PartitionCount => Partitions > int.MaxValue ? int.MaxValue : (int)Partitions;

    public override void Encode(WireWriter writer, short version)
    {
        writer.U8(1);
        writer.U32(Partitions);
        writer.U32(ReplicationFactor);
        writer.Bool(IgnoreRackAssignment);
    }
}

/// <summary>Assigned: one map per partition naming its replica SPUs.</summary>
public sealed record AssignedReplicas(IReadOnlyList<PartitionMap> Maps) : ReplicaSpec
{
    public override int PartitionCount => Maps.Count;

    public override void Encode(WireWriter writer, short version)
    {
        writer.U8(0);
        writer.List(Maps, (w, map) => map.Encode(w, version));
    }
}

/// <summary>Mirror: a mirroring topic; its configuration is kept encoded.</summary>
public sealed record MirrorReplicas(ReadOnlyMemory<byte> Config) : ReplicaSpec
{
    public override int PartitionCount
    {
        get
        {
            // As Fluvio counts them: Remote has one partition per home SPU, Home one per entry.
            var reader = new WireReader(Config);
            if (reader.U8() == 0)
            {
                reader.String();
            }
            return reader.Count();
        }
    }

    public override void Encode(WireWriter writer, short version)
    {
        writer.U8(2);
        writer.Raw(Config.Span);
    }
}

/// <summary>PartitionMap: a partition id, its replica SPU ids, and (from version 14) its mirror config.</summary>
public sealed record PartitionMap(uint Id, IReadOnlyList<int> Replicas, ReadOnlyMemory<byte>? Mirror) : IWireCodec<PartitionMap>
{
    public static PartitionMap Decode(WireReader reader, short version) => new(
        reader.U32(),
        reader.List(static r => r.I32()),
        version >= 14 && reader.Present() ? MirrorEncoding.ReadPartitionMirror(reader) : (ReadOnlyMemory<byte>?)null);

    public void Encode(WireWriter writer, short version)
    {
        writer.U32(Id);
        writer.List(Replicas, static (w, spu) => w.I32(spu));
        if (version >= 14)
        {
            writer.Bool(Mirror is not null);
            if (Mirror is { } mirror)
            {
                writer.Raw(mirror.Span);
            }
        }
    }
}
