using Fluvio.Protocol.Native;
using Wasmtime;

namespace Fluvio.Broker.SmartModules;

/// <summary>The transform a module exports, found as the SPU finds it: the first of these names it exports.</summary>
internal enum TransformKind
{
    Filter,
    Map,
    FilterMap,
    ArrayMap,
    Aggregate,
}

/// <summary>
/// One module of a chain, instantiated in the chain's store (fluvio-smartengine 0.11.11,
/// engine/wasmtime). The host writes each input into guest memory through the module's exported
/// <c>alloc(len) -> ptr</c> and <c>memory</c>, calls the transform as <c>(ptr, len, version) -> i32</c>
/// (negative: an error status), and the module hands its encoded output back by calling the
/// imported <c>copy_records(ptr, len)</c>. An optional <c>init</c> takes the parameters once.
/// </summary>
internal sealed class SmartModuleInstance
{
    /// <summary>The SPU's order: a module exporting several is the first of them.</summary>
    private static readonly (string Export, TransformKind Kind)[] Transforms =
    [
        ("filter", TransformKind.Filter),
        ("map", TransformKind.Map),
        ("filter_map", TransformKind.FilterMap),
        ("array_map", TransformKind.ArrayMap),
        ("aggregate", TransformKind.Aggregate),
    ];

    private readonly Store _store;
    private readonly SmartModuleLimits _limits;
    private readonly Instance _instance;
    private readonly Memory _memory;
    private readonly Func<int, int> _alloc;
    private readonly Func<int, int, int, int> _transform;
    private readonly Func<int, int, int, int>? _lookBack;
    private readonly short _version;
    private readonly IReadOnlyDictionary<string, string> _parameters;
    private readonly SmartModuleLookback? _lookback;
    private byte[]? _output;

    public TransformKind Kind { get; }

    public string Name { get; }

    /// <summary>
    /// What the module reads before the first batch: the invocation's lookback when the module
    /// exports look_back, else null (fluvio-smartengine instance.rs lookback(): a lookback given
    /// to a module without the export is not read, and one without a lookback is not called).
    /// </summary>
    public SmartModuleLookback? Lookback { get; }

    /// <summary>The name at the start of a sentence.</summary>
    private string Title => Sentence(Name);

    public static string Sentence(string name) => name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name[1..];

    /// <summary>The aggregate's accumulator, carried from batch to batch.</summary>
    public byte[] Accumulator { get; private set; }

    private SmartModuleInstance(Engine engine, Store store, SmartModuleLimits limits, Module module, SmartModuleRequest request, string name, short version)
    {
        _store = store;
        _limits = limits;
        _version = version;
        _parameters = request.Parameters;
        _lookback = request.Lookback;
        Name = name;
        Accumulator = request.Accumulator?.ToArray() ?? [];
        using var linker = new Linker(engine);
        var copyRecords = module.Imports.FirstOrDefault(i => i.Name == "copy_records")
            ?? throw ChainInit("it does not import copy_records, through which a SmartModule returns its output");
        linker.DefineFunction(copyRecords.ModuleName, copyRecords.Name, (Caller caller, int pointer, int length) => CopyRecords(caller, pointer, length));
        if (module.Imports.Any(i => i.ModuleName.StartsWith("wasi", StringComparison.Ordinal)))
        {
            // Modules built for wasm32-wasi import WASI as the SPU links it; no files, no standard streams.
            linker.DefineWasi();
        }
        try
        {
            _instance = linker.Instantiate(store, module);
        }
        catch (WasmtimeException e)
        {
            throw AsFault(e, "instantiating it failed");
        }
        _memory = _instance.GetMemory("memory") ?? throw ChainInit("it exports no memory named 'memory'");
        _alloc = _instance.GetFunction<int, int>("alloc") ?? throw ChainInit("it exports no alloc(i32) -> i32");
        var found = Transforms.FirstOrDefault(t => _instance.GetFunction(t.Export) is not null);
        if (found.Export is null)
        {
            throw ChainInit("it exports none of filter, map, filter_map, array_map, aggregate");
        }
        Kind = found.Kind;
        _transform = _instance.GetFunction<int, int, int, int>(found.Export)
            ?? throw ChainInit($"its export '{found.Export}' is not (i32, i32, i32) -> i32");
        // look_back is optional; one of another type fails the chain, as the SPU's typed() check does.
        if (_instance.GetFunction("look_back") is not null)
        {
            _lookBack = _instance.GetFunction<int, int, int, int>("look_back")
                ?? throw ChainInit("its export 'look_back' is not (i32, i32, i32) -> i32");
            Lookback = request.Lookback;
        }
    }

    /// <summary>Instantiates the module in the store and runs its init, if it has one, with the parameters.</summary>
    public static SmartModuleInstance Start(Engine engine, Store store, SmartModuleLimits limits, Module module, SmartModuleRequest request, string name, short version)
    {
        var instance = new SmartModuleInstance(engine, store, limits, module, request, name, version);
        instance.Init();
        return instance;
    }

    /// <summary>Runs the transform over one batch's records part (Vec&lt;Record&gt;).</summary>
    public (List<AbiRecord> Successes, AbiRuntimeError? Error) Process(ReadOnlySpan<byte> records, long baseOffset, long baseTimestamp)
    {
        if (Kind == TransformKind.Aggregate)
        {
            var input = SmartModuleAbi.AggregateInput(records, baseOffset, baseTimestamp, _parameters, Accumulator, _version);
            var bytes = Call(_transform, input, baseOffset);
            var (successes, error, accumulator) = Decode(() => SmartModuleAbi.AggregateOutput(bytes, _version), baseOffset);
            Accumulator = accumulator;
            return (successes, error);
        }
        var output = Call(_transform, SmartModuleAbi.Input(records, baseOffset, baseTimestamp, _parameters, _version), baseOffset);
        return Decode(() => SmartModuleAbi.Output(output), baseOffset);
    }

    /// <summary>
    /// Gives the module the fuel budget of one call for all of its look_back: the SPU tops the
    /// store up once per module before its one look_back call (engine.rs look_back), and this
    /// broker, which hands the records over in bounded chunks, makes the chunks share it.
    /// </summary>
    public void BeginLookBack() => _store.Fuel = _limits.FuelPerCall;

    /// <summary>
    /// One chunk of looked-back records (Vec&lt;Record&gt;) through look_back, as the SPU's
    /// SmartModuleLookBack::call does: a status below zero is a failure, and -99
    /// (PropagatedError) carries the module's SmartModuleLookbackRuntimeError in its output.
    /// Every failure is a <see cref="SmartModuleFaultKind.LookBack"/> fault: the SPU maps whatever
    /// the chain's look_back returns to SmartModuleLookBackError with the error's root cause.
    /// </summary>
    public void LookBack(ReadOnlySpan<byte> records)
    {
        var function = _lookBack ?? throw new InvalidOperationException($"{Title} exports no look_back.");
        _output = null;
        var input = SmartModuleAbi.LookbackInput(records, _version);
        int status;
        try
        {
            int pointer = Write(input, SmartModuleFaultKind.LookBack);
            status = function(pointer, input.Length, _version);
        }
        catch (WasmtimeException e)
        {
            throw LookBackFault(e);
        }
        if (status >= 0)
        {
            return;
        }
        if (status != -99)
        {
            throw new SmartModuleException(SmartModuleFaultKind.LookBack, LookbackStatus(status)) { ModuleName = Name };
        }
        if (_output is null)
        {
            throw new SmartModuleException(SmartModuleFaultKind.LookBack, $"{Title}'s look_back returned -99 (an error of its own) without calling copy_records.") { ModuleName = Name };
        }
        AbiLookbackError error;
        try
        {
            error = SmartModuleAbi.LookbackOutput(_output);
        }
        catch (Exception e) when (e is Fluvio.Protocol.Native.WireFormatException or ArgumentOutOfRangeException)
        {
            throw new SmartModuleException(SmartModuleFaultKind.LookBack, $"{Title}'s look_back error does not decode: {e.Message}") { ModuleName = Name };
        }
        // SmartModuleLookbackRuntimeError's Display (fluvio-protocol link/smartmodule.rs), the SPU's message.
        string key = error.Key is { } k ? RecordText(k.Span) : "NULL";
        throw new SmartModuleException(SmartModuleFaultKind.LookBack,
            $"{error.Hint}\n\nSmartModule Lookback Error: \n    Offset: {error.Offset}\n    Key: {key}\n    Value: {RecordText(error.Value.Span)}")
        { ModuleName = Name };
    }

    /// <summary>display_record_data: the bytes as UTF-8 when they are, else their size.</summary>
    private static string RecordText(ReadOnlySpan<byte> data)
    {
        try
        {
            return new System.Text.UTF8Encoding(false, true).GetString(data);
        }
        catch (System.Text.DecoderFallbackException)
        {
            return $"Binary: {data.Length} bytes";
        }
    }

    /// <summary>A trap in look_back: its message as for a transform, but as the lookback error (memory included: the SPU's map_err makes every look_back failure 6007).</summary>
    private SmartModuleException LookBackFault(WasmtimeException e)
    {
        var fault = AsFault(e, "its look_back failed", 0);
        string message = e is TrapException { Type: TrapCode.OutOfFuel }
            ? $"{Title}'s look_back was stopped: it used up its fuel ({_limits.FuelPerCall:N0} instructions) on the looked-back records. Does it loop without end?"
            : fault.Kind == SmartModuleFaultKind.MemoryLimit ? fault.Message : $"{Title}'s look_back failed: {(e is TrapException trap ? $"wasm trap: {Describe(trap.Type)}" : e.Message.Split('\n', 2)[0].Trim())}";
        return new SmartModuleException(SmartModuleFaultKind.LookBack, message) { ModuleName = Name };
    }

    // fluvio-smartmodule error.rs: SmartModuleLookbackErrorStatus, whose Display the SPU sends.
    private static string LookbackStatus(int status) => status switch
    {
        -66 => "failed to decode SmartModule look_back input",
        -77 => "failed to decode SmartModule look_back record input",
        -88 => "failed to encode SmartModule look_back output",
        _ => "encountered unknown error during SmartModule processing",
    };

    private void Init()
    {
        var init = _instance.GetFunction("init");
        if (init is null)
        {
            return;
        }
        var typed = _instance.GetFunction<int, int, int, int>("init") ?? throw ChainInit("its export 'init' is not (i32, i32, i32) -> i32");
        _output = null;
        _store.Fuel = _limits.FuelPerCall;
        int status;
        try
        {
            var input = SmartModuleAbi.InitInput(_parameters, _lookback, _version);
            int pointer = Write(input);
            status = typed(pointer, input.Length, _version);
        }
        catch (WasmtimeException e)
        {
            throw AsFault(e, "its init failed");
        }
        if (status >= 0)
        {
            return;
        }
        // SmartModuleInitErrorStatus: -2 InitError carries the module's own hint in its output.
        string hint = status == -2 && _output is { } output
            ? TryRead(() => SmartModuleAbi.InitOutput(output)) ?? "Error during initialization"
            : InitStatus(status);
        throw new SmartModuleException(SmartModuleFaultKind.Init, $"The init of {Name} refused its parameters: {hint}") { ModuleName = Name };
    }

    private byte[] Call(Func<int, int, int, int> function, byte[] input, long baseOffset)
    {
        _output = null;
        _store.Fuel = _limits.FuelPerCall;
        int status;
        try
        {
            int pointer = Write(input);
            status = function(pointer, input.Length, _version);
        }
        catch (WasmtimeException e)
        {
            throw AsFault(e, $"it stopped on the batch at offset {baseOffset}", baseOffset);
        }
        if (status < 0)
        {
            throw Runtime($"{Title} returned error status {status} ({TransformStatus(status)}) on the batch at offset {baseOffset}", baseOffset);
        }
        return _output ?? throw Runtime($"{Title} returned without calling copy_records on the batch at offset {baseOffset}", baseOffset);
    }

    /// <summary>alloc(len) in the guest, then the bytes copied to where it points.</summary>
    private int Write(byte[] input, SmartModuleFaultKind kind = SmartModuleFaultKind.Runtime)
    {
        int pointer = _alloc(input.Length);
        if (pointer < 0 || (long)pointer + input.Length > _memory.GetLength())
        {
            throw new SmartModuleException(kind,
                $"{Title}'s alloc({input.Length}) returned {pointer}, outside its memory of {_memory.GetLength()} bytes.")
            { ModuleName = Name };
        }
        input.CopyTo(_memory.GetSpan(pointer, input.Length));
        return pointer;
    }

    private void CopyRecords(Caller caller, int pointer, int length)
    {
        var memory = caller.GetMemory("memory") ?? throw new InvalidOperationException("copy_records: the module has no memory");
        if (pointer < 0 || length < 0 || (long)pointer + length > memory.GetLength())
        {
            // Thrown inside the call: Wasmtime turns it into a trap of that call.
            throw new InvalidOperationException($"copy_records({pointer}, {length}) lies outside the module's memory of {memory.GetLength()} bytes");
        }
        _output = memory.GetSpan(pointer, length).ToArray();
    }

    private T Decode<T>(Func<T> decode, long baseOffset)
    {
        try
        {
            return decode();
        }
        catch (Exception e) when (e is Fluvio.Protocol.Native.WireFormatException or InvalidDataException or ArgumentOutOfRangeException)
        {
            throw Runtime($"{Title}'s output for the batch at offset {baseOffset} does not decode: {e.Message}", baseOffset);
        }
    }

    private static string? TryRead(Func<string> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is Fluvio.Protocol.Native.WireFormatException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>A trap or engine failure as Fluvio's error: out of fuel and memory exhaustion named as such.</summary>
    private SmartModuleException AsFault(WasmtimeException e, string what, long? offset = null)
    {
        string first = e.Message.Split('\n', 2)[0].Trim();
        if (e is TrapException { Type: TrapCode.OutOfFuel })
        {
            return Runtime($"{Title} was stopped: it used up its fuel ({_limits.FuelPerCall:N0} instructions) on the batch at offset {offset}. Does it loop without end?", offset ?? 0);
        }
        // Wasmtime refuses a growth past the store's limit by returning -1 to the module, which
        // then traps (a Rust allocator aborts) without saying how much it asked for. A trap with
        // the memory within an eighth of the limit is read as the limit reached.
        long length = _memory is null ? 0 : _memory.GetLength();
        if (length > _limits.MemoryBytesPerStream - Math.Max(Memory.PageSize, _limits.MemoryBytesPerStream / 8))
        {
            return new SmartModuleException(SmartModuleFaultKind.MemoryLimit,
                $"{Title} ran out of memory: {what} with {length:N0} bytes in use, and a stream's SmartModules may use {_limits.MemoryBytesPerStream:N0}.")
            {
                ModuleName = Name,
                Memory = ((ulong)(length + Memory.PageSize), (ulong)_limits.MemoryBytesPerStream),
            };
        }
        string reason = e is TrapException trap ? $"wasm trap: {Describe(trap.Type)}" : first;
        return offset is { } at
            ? Runtime($"{Title} failed: {what}: {reason}", at)
            : ChainInit($"{what}: {reason}");
    }

    private static string Describe(TrapCode code) => code switch
    {
        TrapCode.MemoryOutOfBounds => "out of bounds memory access",
        TrapCode.Unreachable => "unreachable code reached (a Rust SmartModule panicked or aborted)",
        TrapCode.StackOverflow => "call stack exhausted",
        TrapCode.IntegerDivisionByZero => "integer divide by zero",
        TrapCode.IntegerOverflow => "integer overflow",
        TrapCode.IndirectCallToNull or TrapCode.BadSignature or TrapCode.TableOutOfBounds => "bad indirect call",
        _ => code.ToString(),
    };

    private SmartModuleException Runtime(string hint, long offset) =>
        new(SmartModuleFaultKind.Runtime, hint)
        {
            ModuleName = Name,
            Record = new AbiRuntimeError(hint, offset, ErrorFlavour(Kind), null, ReadOnlyMemory<byte>.Empty),
        };

    private SmartModuleException ChainInit(string reason) =>
        new(SmartModuleFaultKind.ChainInit, $"{Title} cannot run: {reason}.") { ModuleName = Name };

    /// <summary>SmartModuleKind in an error record: 0 Filter, 1 Map, 2 ArrayMap, 3 Aggregate, 4 FilterMap.</summary>
    public static byte ErrorFlavour(TransformKind kind) => kind switch
    {
        TransformKind.Filter => 0,
        TransformKind.Map => 1,
        TransformKind.ArrayMap => 2,
        TransformKind.Aggregate => 3,
        _ => 4,
    };

    // fluvio-smartmodule error.rs: SmartModuleTransformErrorStatus and SmartModuleInitErrorStatus.
    private static string TransformStatus(int status) => status switch
    {
        -11 => "failed to decode SmartModule base input",
        -22 => "failed to decode SmartModule record input",
        -33 => "failed to encode SmartModule output",
        -44 => "failed to parse SmartModule extra params",
        -55 => "undefined right record in Join SmartModule",
        _ => "encountered unknown error during SmartModule processing",
    };

    private static string InitStatus(int status) => status switch
    {
        -10 => "failed to decode SmartModule init input",
        -11 => "failed to encode SmartModule init output",
        _ => "encountered unknown error during SmartModule processing",
    };
}
