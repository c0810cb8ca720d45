namespace Fluvio.Protocol.Native;

/// <summary>
/// A partition's spec (label "Partition", object name "&lt;topic&gt;-&lt;index&gt;", wire protocol
/// §4.8.2). <see cref="Leader"/> is the only field producers and consumers use: the SPU to dial.
/// </summary>
public sealed record PartitionSpec(
    int Leader,
    IReadOnlyList<int> Replicas,
    CleanupPolicy? CleanupPolicy = null,
    TopicStorageConfig? Storage = null,
    TopicCompression Compression = TopicCompression.Any,
    Deduplication? Deduplication = null,
    bool System = false,
    ReadOnlyMemory<byte>? Mirror = null) : IWireCodec<PartitionSpec>
{
    public static PartitionSpec Decode(WireReader reader, short version)
    {
        int leader = reader.I32();
        var replicas = reader.List(static r => r.I32());
        var cleanup = version >= 4 ? Optional.Read<CleanupPolicy>(reader, version) : null;
        var storage = version >= 4 ? Optional.Read<TopicStorageConfig>(reader, version) : null;
        var compression = version >= 6 ? NativeCompression.Read(reader) : TopicCompression.Any;
        var deduplication = version >= 12 ? Optional.Read<Deduplication>(reader, version) : null;
        bool system = version >= 13 && reader.Bool();
        ReadOnlyMemory<byte>? mirror = version >= 14 && reader.Present() ? MirrorEncoding.ReadPartitionMirror(reader) : (ReadOnlyMemory<byte>?)null;
        return new PartitionSpec(leader, replicas, cleanup, storage, compression, deduplication, system, mirror);
    }

    public void Encode(WireWriter writer, short version)
    {
        writer.I32(Leader);
        writer.List(Replicas, static (w, spu) => w.I32(spu));
        if (version >= 4)
        {
            Optional.Write(writer, CleanupPolicy, version);
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

/// <summary>PartitionResolution (u8).</summary>
public enum PartitionResolution : byte
{
    Offline = 0,
    Online = 1,
    LeaderOffline = 2,
    ElectionLeaderFound = 3,
}

/// <summary>One replica's position: its SPU, high watermark and log end offset.</summary>
public sealed record ReplicaStatus(int Spu, long HighWatermark, long EndOffset)
{
    public static ReplicaStatus Decode(WireReader reader) => new(reader.I32(), reader.I64(), reader.I64());

    public void Encode(WireWriter writer)
    {
        writer.I32(Spu);
        writer.I64(HighWatermark);
        writer.I64(EndOffset);
    }
}

/// <summary>
/// A partition's status. Clients do not read it; it must only decode. <see cref="Size"/> (from
/// version 5) is bytes, -1 error, -2 not supported; <see cref="BaseOffset"/> exists from 16.
/// </summary>
public sealed record PartitionStatus(
    PartitionResolution Resolution,
    ReplicaStatus Leader,
    uint LiveReplicas,
    IReadOnlyList<ReplicaStatus> Replicas,
    long Size,
    bool IsBeingDeleted,
    long BaseOffset) : IWireCodec<PartitionStatus>
{
    public static PartitionStatus Decode(WireReader reader, short version) => new(
        (PartitionResolution)reader.U8(),
        ReplicaStatus.Decode(reader),
        reader.U32(),
        reader.List(ReplicaStatus.Decode),
        version >= 5 ? reader.I64() : -2,
        reader.Bool(),
        version >= 16 ? reader.I64() : 0);

    public void Encode(WireWriter writer, short version)
    {
        writer.U8((byte)Resolution);
        Leader.Encode(writer);
        writer.U32(LiveReplicas);
        writer.List(Replicas, static (w, replica) => replica.Encode(w));
        if (version >= 5)
        {
            writer.I64(Size);
        }
        writer.Bool(IsBeingDeleted);
        if (version >= 16)
        {
            writer.I64(BaseOffset);
        }
    }
}
