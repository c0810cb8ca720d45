using System.Buffers.Binary;
using System.Text;
using Fluvio.Protocol.Native;
using Fluvio.Protocol.Records;

namespace Fluvio.Broker.SmartModules;

/// <summary>One record as a SmartModule sees it: Fluvio's Record with its preamble (attributes, deltas).</summary>
internal readonly record struct AbiRecord(byte Attributes, long TimestampDelta, long OffsetDelta, ReadOnlyMemory<byte>? Key, ReadOnlyMemory<byte> Value);

/// <summary>A record the module itself reported failing on (SmartModuleTransformRuntimeError).</summary>
internal sealed record AbiRuntimeError(string Hint, long Offset, byte Kind, ReadOnlyMemory<byte>? Key, ReadOnlyMemory<byte> Value);

/// <summary>The record a module's look_back reported failing on (SmartModuleLookbackRuntimeError).</summary>
internal sealed record AbiLookbackError(string Hint, long Offset, ReadOnlyMemory<byte>? Key, ReadOnlyMemory<byte> Value);

/// <summary>
/// The byte layouts that cross into and out of a SmartModule (fluvio-smartmodule 0.11.11
/// input.rs / output.rs), encoded with the version the host passes as the third argument of
/// every call. That is the client's request version (the SPU passes the StreamFetch or Produce
/// API version; 23 from the official clients), so the optional fields follow it:
/// SmartModuleInput { base_offset: i64, raw_bytes: Vec&lt;u8&gt;, params (≤ 22),
/// join_record: Vec&lt;u8&gt; (16–22), base_timestamp: i64 (≥ 22) }.
/// </summary>
internal static class SmartModuleAbi
{
    /// <summary>SmartModuleInput: the records part of one batch (an i32 count, then records: Vec&lt;Record&gt;).</summary>
    public static byte[] Input(ReadOnlySpan<byte> records, long baseOffset, long baseTimestamp, IReadOnlyDictionary<string, string> parameters, short version)
    {
        var writer = new WireWriter(records.Length + 64);
        WriteInput(writer, records, baseOffset, baseTimestamp, parameters, version);
        return writer.ToArray();
    }

    /// <summary>SmartModuleAggregateInput { base: SmartModuleInput, accumulator: Vec&lt;u8&gt; }.</summary>
    public static byte[] AggregateInput(ReadOnlySpan<byte> records, long baseOffset, long baseTimestamp, IReadOnlyDictionary<string, string> parameters,
        ReadOnlySpan<byte> accumulator, short version)
    {
        var writer = new WireWriter(records.Length + accumulator.Length + 64);
        WriteInput(writer, records, baseOffset, baseTimestamp, parameters, version);
        writer.ByteVector(accumulator);
        return writer.ToArray();
    }

    /// <summary>SmartModuleInitInput { params: SmartModuleExtraParams }: the parameters and the lookback the invocation carried, as the SPU's engine hands its config's params to init.</summary>
    public static byte[] InitInput(IReadOnlyDictionary<string, string> parameters, SmartModuleLookback? lookback, short version)
    {
        var writer = new WireWriter();
        SmartModuleInvocation.WriteExtraParams(writer, parameters, lookback, version);
        return writer.ToArray();
    }

    /// <summary>
    /// What look_back gets: SmartModuleInput::try_from_records (fluvio-smartmodule input.rs), the
    /// stored records as they are (each with its own batch's deltas) and every other field at its
    /// default: base_offset 0, no params, no join record, base_timestamp 0.
    /// </summary>
    public static byte[] LookbackInput(ReadOnlySpan<byte> records, short version)
    {
        var writer = new WireWriter(records.Length + 32);
        WriteInput(writer, records, 0, 0, Empty, version);
        return writer.ToArray();
    }

    /// <summary>
    /// SmartModuleLookbackOutput { error: SmartModuleLookbackRuntimeError { hint: String, offset: i64,
    /// record_key: Option&lt;RecordData&gt;, record_value: RecordData } }, what look_back hands back with status -99.
    /// </summary>
    public static AbiLookbackError LookbackOutput(ReadOnlyMemory<byte> bytes)
    {
        var reader = new WireReader(bytes);
        string hint = reader.String();
        long offset = reader.I64();
        ReadOnlyMemory<byte>? key = reader.Present() ? RecordData(reader) : (ReadOnlyMemory<byte>?)null;
        return new AbiLookbackError(hint, offset, key, RecordData(reader));
    }

    /// <summary>The records of a stored batch's records part (decompressed), with their preambles as stored.</summary>
    public static List<AbiRecord> StoredRecords(ReadOnlyMemory<byte> part) => ReadRecords(new WireReader(part));

    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();

    /// <summary>Vec&lt;Record&gt;: what one module's output becomes as the next module's raw_bytes.</summary>
    public static byte[] Records(IReadOnlyList<AbiRecord> records)
    {
        var writer = new WireWriter();
        writer.Count(records.Count);
        foreach (var record in records)
        {
            WriteRecord(writer, record);
        }
        return writer.ToArray();
    }

    /// <summary>SmartModuleOutput { successes: Vec&lt;Record&gt;, error: Option&lt;SmartModuleTransformRuntimeError&gt; }.</summary>
    public static (List<AbiRecord> Successes, AbiRuntimeError? Error) Output(ReadOnlyMemory<byte> bytes)
    {
        var reader = new WireReader(bytes);
        return ReadOutput(reader);
    }

    /// <summary>SmartModuleAggregateOutput { base: SmartModuleOutput, accumulator: Vec&lt;u8&gt; (≥ 16) }.</summary>
    public static (List<AbiRecord> Successes, AbiRuntimeError? Error, byte[] Accumulator) AggregateOutput(ReadOnlyMemory<byte> bytes, short version)
    {
        var reader = new WireReader(bytes);
        var (successes, error) = ReadOutput(reader);
        byte[] accumulator = version >= 16 ? reader.ByteVector().ToArray() : [];
        return (successes, error, accumulator);
    }

    /// <summary>SmartModuleInitOutput { error: SmartModuleInitRuntimeError { hint: String } }.</summary>
    public static string InitOutput(ReadOnlyMemory<byte> bytes) => new WireReader(bytes).String();

    /// <summary>Bytes a record takes in a batch, its length prefix included.</summary>
    public static int RecordSize(in AbiRecord record)
    {
        int body = BodySize(record);
        return Varint.SizeOf(body) + body;
    }

    /// <summary>A record as it sits in a batch's records part: varint length, then its fields.</summary>
    public static void WriteRecord(WireWriter writer, in AbiRecord record)
    {
        writer.Varint(BodySize(record));
        writer.U8(record.Attributes);
        writer.Varint(record.TimestampDelta);
        writer.Varint(record.OffsetDelta);
        // Fluvio's Record encodes its key as Option<RecordData>: a presence byte, then varint length and bytes.
        writer.Bool(record.Key is not null);
        if (record.Key is { } key)
        {
            writer.Varint(key.Length);
            writer.Raw(key.Span);
        }
        writer.Varint(record.Value.Length);
        writer.Raw(record.Value.Span);
        writer.Varint(0); // headers: Fluvio records carry a count and never any header
    }

    private static int BodySize(in AbiRecord record) =>
        1 + Varint.SizeOf(record.TimestampDelta) + Varint.SizeOf(record.OffsetDelta)
        + 1 + (record.Key is { } key ? Varint.SizeOf(key.Length) + key.Length : 0)
        + Varint.SizeOf(record.Value.Length) + record.Value.Length
        + 1;

    private static void WriteInput(WireWriter writer, ReadOnlySpan<byte> records, long baseOffset, long baseTimestamp,
        IReadOnlyDictionary<string, string> parameters, short version)
    {
        writer.I64(baseOffset);
        writer.ByteVector(records);
        if (version <= 22)
        {
            // The deprecated copy of the params the engine still writes for older modules.
            WriteExtraParams(writer, parameters, version);
        }
        if (version is >= 16 and <= 22)
        {
            writer.I32(0); // join_record: empty
        }
        if (version >= 22)
        {
            writer.I64(baseTimestamp);
        }
    }

    // SmartModuleExtraParams, written as in an invocation (SmartModuleInvocation.WriteExtraParams).
    // Init gets the invocation's lookback (the SPU's config keeps it in the params it hands init);
    // the deprecated copy in a transform's input carries none, as SmartModuleInput::new leaves it.
    private static void WriteExtraParams(WireWriter writer, IReadOnlyDictionary<string, string> parameters, short version) =>
        SmartModuleInvocation.WriteExtraParams(writer, parameters, null, version);

    private static (List<AbiRecord>, AbiRuntimeError?) ReadOutput(WireReader reader)
    {
        var successes = ReadRecords(reader);
        AbiRuntimeError? error = null;
        if (reader.Present())
        {
            string hint = reader.String();
            long offset = reader.I64();
            byte kind = reader.U8();
            ReadOnlyMemory<byte>? key = reader.Present() ? RecordData(reader) : (ReadOnlyMemory<byte>?)null;
            error = new AbiRuntimeError(hint, offset, kind, key, RecordData(reader));
        }
        return (successes, error);
    }

    private static List<AbiRecord> ReadRecords(WireReader reader)
    {
        int count = reader.Count();
        var records = new List<AbiRecord>(count);
        for (int i = 0; i < count; i++)
        {
            long length = reader.Varint();
            int start = reader.Position;
            byte attributes = reader.U8();
            long timestampDelta = reader.Varint();
            long offsetDelta = reader.Varint();
            ReadOnlyMemory<byte>? key = reader.Present() ? RecordData(reader) : (ReadOnlyMemory<byte>?)null;
            var value = RecordData(reader);
            reader.Varint(); // header count
            if (reader.Position - start != length)
            {
                throw new WireFormatException($"Output record {i} says it is {length} bytes long and its fields take {reader.Position - start}.");
            }
            records.Add(new AbiRecord(attributes, timestampDelta, offsetDelta, key, value));
        }
        return records;
    }

    private static ReadOnlyMemory<byte> RecordData(WireReader reader)
    {
        long length = reader.Varint();
        if (length < 0 || length > reader.Remaining)
        {
            throw new WireFormatException($"A record field of {length} bytes runs past the end of the output.");
        }
        return reader.Take((int)length);
    }

    /// <summary>The i32 count that opens a records part (0 for a part too short to hold one).</summary>
    public static int RecordCount(ReadOnlySpan<byte> records) =>
        records.Length >= sizeof(int) ? BinaryPrimitives.ReadInt32BigEndian(records) : 0;

    /// <summary>A value as text for messages: UTF-8 when it is, else its size.</summary>
    public static string Describe(ReadOnlySpan<byte> data)
    {
        try
        {
            return new UTF8Encoding(false, true).GetString(data);
        }
        catch (DecoderFallbackException)
        {
            return $"{data.Length} bytes";
        }
    }
}
