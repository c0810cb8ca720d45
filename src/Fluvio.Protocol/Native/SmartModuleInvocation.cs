namespace Fluvio.Protocol.Native;

/// <summary>SmartModuleKind of an invocation (wire protocol §5.2), by its u8 tag.</summary>
public enum SmartModuleKind : byte
{
    Filter = 0,
    Map = 1,
    ArrayMap = 2,
    Aggregate = 3,
    FilterMap = 4,
    Join = 5,
    JoinStream = 6,

    /// <summary>What the official CLI and clients send: the SPU picks the transform by the module's exports.</summary>
    Generic = 7,
}

/// <summary>Lookback { last: u64, age: Option&lt;Duration&gt; }: records a module reads before the stream (from version 20; age from 21).</summary>
public sealed record SmartModuleLookback(ulong Last, TimeSpan? Age);

/// <summary>
/// A SmartModule a producer or consumer asks the SPU to run (wire protocol §5.2): the module
/// (a name stored in the cluster, or ad-hoc gzip-compressed WASM), its kind (with an aggregate's
/// initial accumulator), and its parameters. Decoding keeps the exact encoded bytes, so a
/// request round-trips unchanged whatever it carried.
/// </summary>
public sealed record SmartModuleInvocation(ReadOnlyMemory<byte> Encoded) : IWireCodec<SmartModuleInvocation>
{
    /// <summary>Predefined(name); null for an ad-hoc module.</summary>
    public string? Name { get; init; }

    /// <summary>AdHoc: the module as sent, gzip-compressed.</summary>
    public ReadOnlyMemory<byte> GzippedWasm { get; init; }

    public SmartModuleKind Kind { get; init; }

    /// <summary>Aggregate{accumulator} or Generic(Aggregate{accumulator}): the initial accumulator; null otherwise.</summary>
    public ReadOnlyMemory<byte>? Accumulator { get; init; }

    /// <summary>Join(String), JoinStream{topic, …}: kinds this codebase only carries.</summary>
    public bool IsJoin => Kind is SmartModuleKind.Join or SmartModuleKind.JoinStream || _joinContext;

    /// <summary>SmartModuleExtraParams.inner, a BTreeMap: ordinal key order.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    public SmartModuleLookback? Lookback { get; init; }

    private bool _joinContext;

    /// <summary>
    /// The invocation the official CLI builds for --smartmodule / --smartmodule-path (fluvio-cli
    /// 0.11.11 smartmodule_invocation.rs): kind Generic with an Aggregate context when an initial
    /// accumulator is given, else Generic(None); the lookback only where a transforms file has one.
    /// </summary>
    public static SmartModuleInvocation Create(string? name, ReadOnlyMemory<byte> gzippedWasm, ReadOnlyMemory<byte>? accumulator,
        IReadOnlyDictionary<string, string>? parameters, SmartModuleLookback? lookback, short version)
    {
        var ordered = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in parameters ?? new Dictionary<string, string>())
        {
            ordered[key] = value;
        }
        var writer = new WireWriter();
        if (name is not null)
        {
            writer.U8(0);
            writer.String(name);
        }
        else
        {
            writer.U8(1);
            writer.ByteVector(gzippedWasm.Span);
        }
        writer.U8((byte)SmartModuleKind.Generic);
        if (accumulator is { } initial)
        {
            writer.U8(1); // SmartModuleContextData::Aggregate
            writer.ByteVector(initial.Span);
        }
        else
        {
            writer.U8(0); // SmartModuleContextData::None
        }
        WriteExtraParams(writer, ordered, lookback, version);
        return Decode(new WireReader(writer.ToArray()), version);
    }

    /// <summary>
    /// SmartModuleExtraParams { inner: BTreeMap&lt;String, String&gt;, lookback: Option&lt;Lookback&gt;
    /// (from 20) }, Lookback { last: u64, age: Option&lt;Duration&gt; (from 21) }: in an invocation,
    /// and in what the SPU hands a module's init. The map goes out in key order, as a BTreeMap.
    /// </summary>
    public static void WriteExtraParams(WireWriter writer, IReadOnlyDictionary<string, string> parameters, SmartModuleLookback? lookback, short version)
    {
        if (parameters.Count > ushort.MaxValue)
        {
            throw new ArgumentException($"A SmartModule takes at most {ushort.MaxValue} parameters.", nameof(parameters));
        }
        writer.U16((ushort)parameters.Count);
        foreach (var (key, value) in parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            writer.String(key);
            writer.String(value);
        }
        if (version < 20)
        {
            return;
        }
        writer.Bool(lookback is not null);
        if (lookback is null)
        {
            return;
        }
        writer.U64(lookback.Last);
        if (version >= 21)
        {
            writer.Bool(lookback.Age is not null);
            if (lookback.Age is { } age)
            {
                long ticks = age.Ticks;
                writer.Duration((ulong)(ticks / TimeSpan.TicksPerSecond), (uint)(ticks % TimeSpan.TicksPerSecond * 100));
            }
        }
    }

    public static SmartModuleInvocation Decode(WireReader reader, short version)
    {
        int start = reader.Position;
        string? name = null;
        ReadOnlyMemory<byte> wasm = default;
        switch (reader.U8())
        {
            case 0:
                name = reader.String();
                break;
            case 1:
                wasm = reader.ByteVector();
                break;
            case var tag:
                throw new WireFormatException($"Unknown SmartModuleInvocationWasm tag {tag}.");
        }
        var (kind, accumulator, joinContext) = ReadKind(reader);
        var parameters = ReadParameters(reader);
        var lookback = ReadLookback(reader, version);
        return new SmartModuleInvocation(reader.Since(start))
        {
            Name = name,
            GzippedWasm = wasm,
            Kind = kind,
            Accumulator = accumulator,
            Parameters = parameters,
            Lookback = lookback,
            _joinContext = joinContext,
        };
    }

    public void Encode(WireWriter writer, short version) => writer.Raw(Encoded.Span);

    /// <summary>The SmartModule's name when it is a predefined one, for messages.</summary>
    public string Describe() => Name is { } name ? $"SmartModule '{name}'" : "an ad-hoc SmartModule";

    /// <summary>SmartModuleExtraParams: BTreeMap&lt;String, String&gt;, then (from 20) Option&lt;Lookback{last: u64, age: Option&lt;Duration&gt; from 21}&gt;.</summary>
    internal static void SkipExtraParams(WireReader reader, short version)
    {
        ReadParameters(reader);
        ReadLookback(reader, version);
    }

    private static SortedDictionary<string, string> ReadParameters(WireReader reader)
    {
        var parameters = new SortedDictionary<string, string>(StringComparer.Ordinal);
        for (int i = reader.MapCount(); i > 0; i--)
        {
            string key = reader.String();
            parameters[key] = reader.String();
        }
        return parameters;
    }

    private static SmartModuleLookback? ReadLookback(WireReader reader, short version)
    {
        if (version < 20 || !reader.Present())
        {
            return null;
        }
        ulong last = reader.U64();
        TimeSpan? age = null;
        if (version >= 21 && reader.Present())
        {
            var (seconds, nanoseconds) = reader.Duration();
            age = ToTimeSpan(seconds, nanoseconds);
        }
        return new SmartModuleLookback(last, age);
    }

    /// <summary>
    /// A Rust Duration as a TimeSpan: one longer than TimeSpan holds (about 29,000 years; Rust's
    /// reach to u64 seconds) is TimeSpan.MaxValue, which means the same for a lookback's age: any.
    /// </summary>
    internal static TimeSpan ToTimeSpan(ulong seconds, uint nanoseconds)
    {
        const ulong maxSeconds = (ulong)(long.MaxValue / TimeSpan.TicksPerSecond) - 1;
        return seconds >= maxSeconds
            ? TimeSpan.MaxValue
            : TimeSpan.FromTicks((long)seconds * TimeSpan.TicksPerSecond + Math.Min(nanoseconds, 999_999_999u) / 100);
    }

    // SmartModuleKind: 0 Filter, 1 Map, 2 ArrayMap, 3 Aggregate{accumulator}, 4 FilterMap,
    // 5 Join(String), 6 JoinStream{topic, derivedstream}, 7 Generic(SmartModuleContextData).
    private static (SmartModuleKind Kind, ReadOnlyMemory<byte>? Accumulator, bool JoinContext) ReadKind(WireReader reader)
    {
        byte tag = reader.U8();
        switch (tag)
        {
            case 0 or 1 or 2 or 4:
                return ((SmartModuleKind)tag, null, false);
            case 3:
                return (SmartModuleKind.Aggregate, reader.ByteVector(), false);
            case 5:
                reader.String();
                return (SmartModuleKind.Join, null, false);
            case 6:
                reader.String();
                reader.String();
                return (SmartModuleKind.JoinStream, null, false);
            case 7:
                return ReadContext(reader);
            default:
                throw new WireFormatException($"Unknown SmartModuleKind tag {tag}.");
        }
    }

    // SmartModuleContextData: 0 None, 1 Aggregate{accumulator}, 2 Join(String), 3 JoinStream{topic, derivedstream}.
    private static (SmartModuleKind, ReadOnlyMemory<byte>?, bool) ReadContext(WireReader reader)
    {
        switch (reader.U8())
        {
            case 0:
                return (SmartModuleKind.Generic, null, false);
            case 1:
                return (SmartModuleKind.Generic, reader.ByteVector(), false);
            case 2:
                reader.String();
                return (SmartModuleKind.Generic, null, true);
            case 3:
                reader.String();
                reader.String();
                return (SmartModuleKind.Generic, null, true);
            case var tag:
                throw new WireFormatException($"Unknown SmartModuleContextData tag {tag}.");
        }
    }
}
