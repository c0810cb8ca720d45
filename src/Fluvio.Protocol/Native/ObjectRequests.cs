namespace Fluvio.Protocol.Native;

/// <summary>
/// The body of a Create (wire protocol §4.3): the common part, then the spec of the labelled kind,
/// kept encoded so each kind decodes its own (<see cref="TopicSpec.Decode"/> for "Topic").
/// </summary>
public sealed record CreateObjectRequest(string Name, bool DryRun, uint? TimeoutMs, ReadOnlyMemory<byte> Spec)
    : IWireCodec<CreateObjectRequest>
{
    public static CreateObjectRequest Decode(WireReader reader, short version)
    {
        string name = reader.String();
        bool dryRun = reader.Bool();
        uint? timeout = version >= 7 && reader.Present() ? reader.U32() : null;
        return new CreateObjectRequest(name, dryRun, timeout, reader.Rest());
    }

    public void Encode(WireWriter writer, short version)
    {
        writer.String(Name);
        writer.Bool(DryRun);
        if (version >= 7)
        {
            writer.Bool(TimeoutMs is not null);
            if (TimeoutMs is { } timeout)
            {
                writer.U32(timeout);
            }
        }
        writer.Raw(Spec.Span);
    }
}

/// <summary>
/// The body of a Delete (§4.4) for the kinds keyed by a name (all but CustomSpu, whose key is an
/// enum). <see cref="Force"/> is needed to delete system objects.
/// </summary>
public sealed record DeleteObjectRequest(string Key, bool Force) : IWireCodec<DeleteObjectRequest>
{
    public static DeleteObjectRequest Decode(WireReader reader, short version) =>
        new(reader.String(), version >= 13 && reader.Bool());

    public void Encode(WireWriter writer, short version)
    {
        writer.String(Key);
        if (version >= 13)
        {
            writer.Bool(Force);
        }
    }
}

/// <summary>
/// The body of a List (§4.5): an object matches when its name contains any filter; no filter
/// matches all.
/// </summary>
public sealed record ListObjectsRequest(IReadOnlyList<string> NameFilters, bool Summary, bool System) : IWireCodec<ListObjectsRequest>
{
    public static ListObjectsRequest Decode(WireReader reader, short version) =>
        new(reader.List(static r => r.String()), version >= 10 && reader.Bool(), version >= 13 && reader.Bool());

    public void Encode(WireWriter writer, short version)
    {
        // ListFilter is a struct holding one string: the same bytes as the string.
        writer.List(NameFilters, static (w, filter) => w.String(filter));
        if (version >= 10)
        {
            writer.Bool(Summary);
        }
        if (version >= 13)
        {
            writer.Bool(System);
        }
    }

    public bool Matches(string name) => NameFilters.Count == 0 || NameFilters.Any(filter => name.Contains(filter, StringComparison.Ordinal));
}

/// <summary>The body of a Watch (§4.6); the client sends epoch 0 and summary false.</summary>
public sealed record WatchObjectsRequest(long Epoch, bool Summary) : IWireCodec<WatchObjectsRequest>
{
    public static WatchObjectsRequest Decode(WireReader reader, short version) =>
        new(reader.I64(), version >= 10 && reader.Bool());

    public void Encode(WireWriter writer, short version)
    {
        writer.I64(Epoch);
        if (version >= 10)
        {
            writer.Bool(Summary);
        }
    }
}

/// <summary>
/// The body of an Update (§4.7) for a kind keyed by a name: the key, then the kind's action
/// (for topics: tag 0 AddPartition{count}, tag 1 AddMirror{remote_cluster}), kept encoded.
/// </summary>
public sealed record UpdateObjectRequest(string Key, ReadOnlyMemory<byte> Action) : IWireCodec<UpdateObjectRequest>
{
    public static UpdateObjectRequest Decode(WireReader reader, short version) => new(reader.String(), reader.Rest());

    public void Encode(WireWriter writer, short version)
    {
        writer.String(Key);
        writer.Raw(Action.Span);
    }
}

/// <summary>
/// The answer to Create, Delete and Update (§4.3): success iff the error code is None; the client
/// shows <see cref="Message"/> for codes it has no text of its own for.
/// </summary>
public sealed record Status(string Name, ErrorCode Error, string? Message) : IWireCodec<Status>
{
    public static Status Ok(string name) => new(name, ErrorCode.None, null);

    public static Status Decode(WireReader reader, short version) =>
        new(reader.String(), ErrorCode.Decode(reader, version), reader.OptionalString());

    public void Encode(WireWriter writer, short version)
    {
        writer.String(Name);
        Error.Encode(writer, version);
        writer.OptionalString(Message);
    }
}

/// <summary>
/// The action of a topic Update (§4.7, <c>UpdateTopicAction</c>, u8 tag): 0 AddPartition{count:
/// u32} adds partitions after the existing ones; 1 AddMirror{remote_cluster: String} is
/// mirroring, which this project does not do. Only the first is encoded or understood here.
/// </summary>
public static class UpdateTopicAction
{
    public const byte AddPartitionTag = 0;
    public const byte AddMirrorTag = 1;

    /// <summary>The encoded AddPartition{count} action.</summary>
    public static byte[] AddPartition(uint count)
    {
        var writer = new WireWriter(8);
        writer.U8(AddPartitionTag);
        writer.U32(count);
        return writer.ToArray();
    }

    /// <summary>The action's tag, and for AddPartition its count (null for other actions).</summary>
    public static (byte Tag, uint? Count) Decode(ReadOnlyMemory<byte> action)
    {
        var reader = new WireReader(action);
        byte tag = reader.U8();
        return tag == AddPartitionTag ? (tag, reader.U32()) : (tag, null);
    }
}
