namespace Fluvio.Protocol.Native;

/// <summary>Isolation (u8): whether a consumer sees records up to the log end or the high watermark.</summary>
public enum Isolation : byte
{
    ReadUncommitted = 0,
    ReadCommitted = 1,
}

/// <summary>
/// StreamFetch request (SPU key 1003, wire protocol §5.4): a continuous consume of one partition
/// from <see cref="FetchOffset"/>. Versions 11 to 18 carried legacy SmartModule fields, kept
/// encoded here; from 18 SmartModules are a list; from 23 a consumer id names the consumer whose
/// offsets the stream may commit.
/// </summary>
public sealed record StreamFetchRequest(
    string Topic,
    uint Partition,
    long FetchOffset,
    int MaxBytes,
    Isolation Isolation,
    ReadOnlyMemory<byte> LegacySmartModule,
    IReadOnlyList<SmartModuleInvocation> SmartModules,
    string? ConsumerId) : IWireCodec<StreamFetchRequest>
{
    public static StreamFetchRequest Decode(WireReader reader, short version)
    {
        string topic = reader.String();
        uint partition = reader.U32();
        long offset = reader.I64();
        int maxBytes = reader.I32();
        var isolation = reader.U8() switch
        {
            0 => Isolation.ReadUncommitted,
            1 => Isolation.ReadCommitted,
            var tag => throw new WireFormatException($"Unknown isolation {tag}."),
        };
        int legacyStart = reader.Position;
        if (version is >= 11 and <= 18)
        {
            reader.ByteVector(); // wasm_module
        }
        if (version is >= 16 and <= 18)
        {
            if (reader.Present())
            {
                SmartModuleInvocation.Decode(reader, version);
            }
            if (reader.Present())
            {
                reader.String(); // derivedstream.stream
                SmartModuleInvocation.SkipExtraParams(reader, version);
            }
        }
        var legacy = reader.Since(legacyStart);
        var modules = version >= 18 ? reader.List(r => SmartModuleInvocation.Decode(r, version)) : [];
        string? consumer = version >= 23 ? reader.OptionalString() : null;
        return new StreamFetchRequest(topic, partition, offset, maxBytes, isolation, legacy, modules, consumer);
    }

    public void Encode(WireWriter writer, short version)
    {
        writer.String(Topic);
        writer.U32(Partition);
        writer.I64(FetchOffset);
        writer.I32(MaxBytes);
        writer.U8((byte)Isolation);
        if (version is >= 11 and <= 18)
        {
            if (LegacySmartModule.IsEmpty)
            {
                writer.I32(0); // empty wasm_module
                if (version >= 16)
                {
                    writer.Bool(false);
                    writer.Bool(false);
                }
            }
            else
            {
                writer.Raw(LegacySmartModule.Span);
            }
        }
        if (version >= 18)
        {
            writer.List(SmartModules, (w, module) => module.Encode(w, version));
        }
        if (version >= 23)
        {
            writer.OptionalString(ConsumerId);
        }
    }

    /// <summary>True when the legacy fields ask for a SmartModule (anything but their empty form).</summary>
    public bool HasLegacySmartModule(short version)
    {
        if (LegacySmartModule.IsEmpty)
        {
            return false;
        }
        var reader = new WireReader(LegacySmartModule);
        if (reader.ByteVector().Length > 0)
        {
            return true;
        }
        return version >= 16 && (reader.Present() || reader.Present());
    }
}

/// <summary>One frame of a stream: the topic, the stream's id on this connection, and the data.</summary>
public sealed record StreamFetchResponse(string Topic, uint StreamId, FetchablePartitionResponse Partition) : IWireCodec<StreamFetchResponse>
{
    public static StreamFetchResponse Decode(WireReader reader, short version) =>
        new(reader.String(), reader.U32(), FetchablePartitionResponse.Decode(reader, version));

    public void Encode(WireWriter writer, short version)
    {
        writer.String(Topic);
        writer.U32(StreamId);
        Partition.Encode(writer, version);
    }
}

/// <summary>
/// A partition's data in a fetch: offsets, and <see cref="Batches"/>, whole stored batches as a
/// RecordSet. <see cref="NextFilterOffset"/> (from 11) is non-zero only when SmartModules skipped
/// records; aborted transactions are always None in Fluvio.
/// </summary>
public sealed record FetchablePartitionResponse(
    uint PartitionIndex,
    ErrorCode Error,
    long HighWatermark,
    long NextFilterOffset,
    long LogStartOffset,
    IReadOnlyList<(long ProducerId, long FirstOffset)>? Aborted,
    ReadOnlyMemory<byte> Batches) : IWireCodec<FetchablePartitionResponse>
{
    public static FetchablePartitionResponse Decode(WireReader reader, short version) => new(
        reader.U32(),
        ErrorCode.Decode(reader, version),
        reader.I64(),
        version >= 11 ? reader.I64() : 0,
        reader.I64(),
        reader.Present() ? reader.List(static r => (r.I64(), r.I64())) : null,
        reader.RecordSet());

    public void Encode(WireWriter writer, short version)
    {
        writer.U32(PartitionIndex);
        Error.Encode(writer, version);
        writer.I64(HighWatermark);
        if (version >= 11)
        {
            writer.I64(NextFilterOffset);
        }
        writer.I64(LogStartOffset);
        writer.Bool(Aborted is not null);
        if (Aborted is not null)
        {
            writer.List(Aborted, static (w, aborted) =>
            {
                w.I64(aborted.ProducerId);
                w.I64(aborted.FirstOffset);
            });
        }
        writer.RecordSet(Batches.Span);
    }
}
