using System.Collections.Concurrent;
using System.Security.Cryptography;
using Fluvio.Protocol.Compression;
using Fluvio.Protocol.Native;
using Wasmtime;

namespace Fluvio.Broker.SmartModules;

/// <summary>
/// The broker's SmartModule runtime: one Wasmtime engine with fuel metering, modules compiled
/// once and kept by the SHA-256 of their bytes, and a fresh store per stream. Created on the
/// first stream that asks for a SmartModule, so a broker that never runs one never loads
/// Wasmtime's native library.
/// </summary>
internal sealed class SmartModuleEngine(SmartModuleLimits limits, SmartModuleStore stored) : IDisposable
{
    private readonly Lazy<Engine> _engine = new(() =>
    {
        WasmtimeLibrary.EnsureResolvable();
        return new Engine(new Config().WithFuelConsumption(true));
    });
    private readonly ConcurrentDictionary<string, Lazy<Module>> _compiled = new(StringComparer.Ordinal);

    public SmartModuleLimits Limits => limits;

    public SmartModuleStore Stored => stored;

    /// <summary>Modules compiled so far (cached ones are not compiled again).</summary>
    public int Compilations => _compilations;

    private int _compilations;

    /// <summary>
    /// Resolves stored names, compiles (or takes from the cache), instantiates and inits a chain
    /// for one stream, then runs the lookbacks of its modules over <paramref name="log"/>, the
    /// partition the stream reads or the produce writes (the SPU does both at the start of a
    /// StreamFetch and of each produced partition).
    /// </summary>
    public SmartModuleChain Start(IReadOnlyList<SmartModuleRequest> requests, short version, Fluvio.Storage.PartitionLog? log = null)
    {
        var chain = StartChain(requests, version);
        try
        {
            if (chain.Instances.Any(i => i.Lookback is not null))
            {
                if (log is null)
                {
                    throw new SmartModuleException(SmartModuleFaultKind.LookBack, "A SmartModule lookback was asked for where there is no partition to read it from.");
                }
                chain.LookBack(log, limits);
            }
            return chain;
        }
        catch
        {
            chain.Dispose();
            throw;
        }
    }

    private SmartModuleChain StartChain(IReadOnlyList<SmartModuleRequest> requests, short version)
    {
        var modules = new List<(Module, SmartModuleRequest, string)>(requests.Count);
        for (int i = 0; i < requests.Count; i++)
        {
            var request = requests[i];
            string name = request.Name is { } stored ? $"SmartModule '{stored}'" : requests.Count == 1 ? "the SmartModule" : $"SmartModule {i + 1} of the chain";
            var wasm = request.Name is { } key ? Stored.Read(key) : request.Wasm;
            modules.Add((Compile(wasm, name, request.Name), request, name));
        }
        try
        {
            return SmartModuleChain.Start(_engine.Value, limits, modules, version);
        }
        catch (WasmtimeException e)
        {
            throw new SmartModuleException(SmartModuleFaultKind.ChainInit, $"The SmartModule chain cannot start: {e.Message.Split('\n', 2)[0]}");
        }
    }

    /// <summary>AdHoc(Vec&lt;u8&gt;) on the native wire: the module gzip-compressed, as the official CLI sends it.</summary>
    public ReadOnlyMemory<byte> Gunzip(ReadOnlyMemory<byte> gzipped)
    {
        byte[] wasm;
        try
        {
            wasm = BatchCompression.Decompress(CompressionCodec.Gzip, gzipped.Span);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            throw new SmartModuleException(SmartModuleFaultKind.Invalid, $"The ad-hoc SmartModule is not gzip-compressed WebAssembly, as Fluvio sends it: {e.Message}");
        }
        if (wasm.Length > limits.MaxModuleBytes)
        {
            throw new SmartModuleException(SmartModuleFaultKind.Invalid, $"The SmartModule is {wasm.Length:N0} bytes; this broker takes modules of up to {limits.MaxModuleBytes:N0}.");
        }
        return wasm;
    }

    /// <summary>Compiles the module (and keeps it), so a module that cannot run is refused when it is stored, not when it is first used.</summary>
    public void Check(ReadOnlyMemory<byte> wasm, string name) => Compile(wasm, name, null);

    private Module Compile(ReadOnlyMemory<byte> wasm, string name, string? storedName)
    {
        if (wasm.Length > limits.MaxModuleBytes)
        {
            throw new SmartModuleException(SmartModuleFaultKind.Invalid, $"{SmartModuleInstance.Sentence(name)} is {wasm.Length:N0} bytes; this broker takes modules of up to {limits.MaxModuleBytes:N0}.") { ModuleName = storedName };
        }
        string hash = Convert.ToHexString(SHA256.HashData(wasm.Span));
        if (_compiled.Count >= limits.CachedModules && !_compiled.ContainsKey(hash))
        {
            _compiled.Clear();
        }
        var entry = _compiled.GetOrAdd(hash, _ => new Lazy<Module>(() =>
        {
            Interlocked.Increment(ref _compilations);
            return Module.FromBytes(_engine.Value, hash, wasm.Span);
        }));
        try
        {
            return entry.Value;
        }
        catch (WasmtimeException e)
        {
            // A module that does not compile is not kept: the next request gets the same answer afresh.
            _compiled.TryRemove(hash, out _);
            throw new SmartModuleException(SmartModuleFaultKind.Invalid, $"{SmartModuleInstance.Sentence(name)} is not a valid WebAssembly module: {e.Message.Split('\n', 2)[0]}") { ModuleName = storedName };
        }
    }

    public void Dispose()
    {
        if (_engine.IsValueCreated)
        {
            _engine.Value.Dispose();
        }
    }
}
