namespace Fluvio.Protocol.Native;

/// <summary>
/// A SmartModule a producer or consumer asks the SPU to run (wire protocol §5.2). This broker runs
/// none: an invocation is only walked to find where it ends (so the fields after it decode) and
/// kept as its encoded bytes, for the server to refuse and for round trips.
/// </summary>
public sealed record SmartModuleInvocation(ReadOnlyMemory<byte> Encoded) : IWireCodec<SmartModuleInvocation>
{
    public static SmartModuleInvocation Decode(WireReader reader, short version)
    {
        int start = reader.Position;
        switch (reader.U8())
        {
            case 0: // Predefined(name)
                reader.String();
                break;
            case 1: // AdHoc(gzipped wasm)
                reader.ByteVector();
                break;
            case var tag:
                throw new WireFormatException($"Unknown SmartModuleInvocationWasm tag {tag}.");
        }
        SkipKind(reader);
        SkipExtraParams(reader, version);
        return new SmartModuleInvocation(reader.Since(start));
    }

    public void Encode(WireWriter writer, short version) => writer.Raw(Encoded.Span);

    /// <summary>The SmartModule's name when it is a predefined one, for messages.</summary>
    public string Describe()
    {
        var reader = new WireReader(Encoded);
        return reader.U8() == 0 ? $"SmartModule '{reader.String()}'" : "an ad-hoc SmartModule";
    }

    /// <summary>SmartModuleExtraParams: BTreeMap&lt;String, String&gt;, then (from 20) Option&lt;Lookback{last: u64, age: Option&lt;Duration&gt; from 21}&gt;.</summary>
    internal static void SkipExtraParams(WireReader reader, short version)
    {
        for (int i = reader.MapCount(); i > 0; i--)
        {
            reader.String();
            reader.String();
        }
        if (version >= 20 && reader.Present())
        {
            reader.U64();
            if (version >= 21 && reader.Present())
            {
                reader.Duration();
            }
        }
    }

    // SmartModuleKind: 0 Filter, 1 Map, 2 ArrayMap, 3 Aggregate{accumulator}, 4 FilterMap,
    // 5 Join(String), 6 JoinStream{topic, derivedstream}, 7 Generic(SmartModuleContextData).
    private static void SkipKind(WireReader reader)
    {
        switch (reader.U8())
        {
            case 0 or 1 or 2 or 4:
                break;
            case 3:
                reader.ByteVector();
                break;
            case 5:
                reader.String();
                break;
            case 6:
                reader.String();
                reader.String();
                break;
            case 7:
                SkipContext(reader);
                break;
            case var tag:
                throw new WireFormatException($"Unknown SmartModuleKind tag {tag}.");
        }
    }

    // SmartModuleContextData: 0 None, 1 Aggregate{accumulator}, 2 Join(String), 3 JoinStream{topic, derivedstream}.
    private static void SkipContext(WireReader reader)
    {
        switch (reader.U8())
        {
            case 0:
                break;
            case 1:
                reader.ByteVector();
                break;
            case 2:
                reader.String();
                break;
            case 3:
                reader.String();
                reader.String();
                break;
            case var tag:
                throw new WireFormatException($"Unknown SmartModuleContextData tag {tag}.");
        }
    }
}
