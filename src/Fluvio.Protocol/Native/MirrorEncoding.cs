namespace Fluvio.Protocol.Native;

/// <summary>
/// Mirroring configurations (wire protocol §4.8.1) appear inside topic and partition specs. This
/// broker does not mirror, so they are only walked to find where they end and kept as their
/// encoded bytes, which re-encode exactly.
/// </summary>
public static class MirrorEncoding
{
    /// <summary>PartitionMirrorConfig: tag 0 Remote{home_cluster, home_spu_key, home_spu_id, home_spu_endpoint}, tag 1 Home{remote_cluster, remote_replica}.</summary>
    public static ReadOnlyMemory<byte> ReadPartitionMirror(WireReader reader)
    {
        int start = reader.Position;
        switch (reader.U8())
        {
            case 0:
                reader.String();
                reader.String();
                reader.I32();
                reader.String();
                break;
            case 1:
                reader.String();
                reader.String();
                break;
            case var tag:
                throw new WireFormatException($"Unknown PartitionMirrorConfig tag {tag}.");
        }
        return reader.Since(start);
    }

    /// <summary>
    /// MirrorConfig: tag 0 Remote{home_cluster, home_spus: Vec&lt;{id: i32, key, endpoint}&gt;},
    /// tag 1 Home(Vec&lt;{remote_cluster, remote_replica}&gt;).
    /// </summary>
    public static ReadOnlyMemory<byte> ReadTopicMirror(WireReader reader)
    {
        int start = reader.Position;
        switch (reader.U8())
        {
            case 0:
                reader.String();
                reader.List(static r => (r.I32(), r.String(), r.String()));
                break;
            case 1:
                reader.List(static r => (r.String(), r.String()));
                break;
            case var tag:
                throw new WireFormatException($"Unknown MirrorConfig tag {tag}.");
        }
        return reader.Since(start);
    }
}
