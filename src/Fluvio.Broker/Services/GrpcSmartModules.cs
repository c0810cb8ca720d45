using Fluvio.Broker.Core;
using Fluvio.Broker.SmartModules;
using Fluvio.Protocol.Grpc;
using Fluvio.Protocol.Native;
using Grpc.Core;

namespace Fluvio.Broker.Services;

/// <summary>
/// The gRPC door's SmartModule translation: the request's modules as the core's requests (the
/// WASM arrives as it is, not gzipped), and a failure as an RpcException with the SmartModule
/// reason and the same message the native door's error carries.
/// </summary>
internal static class GrpcSmartModules
{
    /// <summary>The version the ABI is spoken at: what the official clients send the SPU today (StreamFetch 23).</summary>
    public const short AbiVersion = FluvioApiVersions.SpuCurrentVersion;

    public static async Task<SmartModuleChain?> StartAsync(BrokerCore core, IReadOnlyList<SmartModule> modules, Fluvio.Storage.PartitionLog log)
    {
        if (modules.Count == 0)
        {
            return null;
        }
        try
        {
            var requests = Requests(modules);
            // Compiling, instantiating and reading the lookbacks is CPU work: off the request's thread.
            return await Task.Run(() => core.SmartModules.Start(requests, AbiVersion, log)).ConfigureAwait(false);
        }
        catch (SmartModuleException e)
        {
            throw ToRpcException(e);
        }
    }

    /// <summary>A chain started here and now (produce runs it before its first await); failures are SmartModuleExceptions.</summary>
    public static SmartModuleChain Start(BrokerCore core, IReadOnlyList<SmartModule> modules, Fluvio.Storage.PartitionLog log) =>
        core.SmartModules.Start(Requests(modules), AbiVersion, log);

    private static List<SmartModuleRequest> Requests(IReadOnlyList<SmartModule> modules)
    {
        var requests = new List<SmartModuleRequest>(modules.Count);
        foreach (var module in modules)
        {
            var parameters = new SortedDictionary<string, string>(module.Params, StringComparer.Ordinal);
            var accumulator = module.HasAggregateInitial ? module.AggregateInitial.Memory : (ReadOnlyMemory<byte>?)null;
            var lookback = LookbackOf(module);
            requests.Add(module.ModuleCase switch
            {
                SmartModule.ModuleOneofCase.Name => new SmartModuleRequest(module.Name, ReadOnlyMemory<byte>.Empty, accumulator, parameters, lookback),
                SmartModule.ModuleOneofCase.Wasm => new SmartModuleRequest(null, module.Wasm.Memory, accumulator, parameters, lookback),
                _ => throw new SmartModuleException(SmartModuleFaultKind.Invalid, "A SmartModule needs a name or its WASM."),
            });
        }
        return requests;
    }

    /// <summary>The message's Lookback as the engine's: an age in milliseconds, from 0 to what TimeSpan holds.</summary>
    private static Fluvio.Protocol.Native.SmartModuleLookback? LookbackOf(SmartModule module)
    {
        if (module.Lookback is not { } lookback)
        {
            return null;
        }
        if (!lookback.HasAgeMs)
        {
            return new(lookback.Last, null);
        }
        if (lookback.AgeMs < 0)
        {
            throw new SmartModuleException(SmartModuleFaultKind.LookBack, $"A lookback age cannot be negative ({lookback.AgeMs} ms given).");
        }
        const long maxMilliseconds = long.MaxValue / TimeSpan.TicksPerMillisecond;
        return new(lookback.Last, lookback.AgeMs >= maxMilliseconds ? TimeSpan.MaxValue : TimeSpan.FromTicks(lookback.AgeMs * TimeSpan.TicksPerMillisecond));
    }

    public static ErrorReason ReasonOf(SmartModuleException e) =>
        e.Kind == SmartModuleFaultKind.NotFound ? ErrorReason.SmartModuleNotFound : ErrorReason.SmartModuleFailed;

    public static RpcException ToRpcException(SmartModuleException e) => RpcErrors.Create(ReasonOf(e), e.Message);
}
