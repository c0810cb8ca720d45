using Fluvio.Broker.Core;
using Fluvio.Broker.SmartModules;
using Fluvio.Protocol.Native;

namespace Fluvio.Broker.Native;

/// <summary>
/// The native door's SmartModule translation: invocations off the wire as the core's requests
/// (an ad-hoc module gunzipped; Join kinds refused, as this broker has no joins), and a
/// SmartModule failure as the ErrorCode Fluvio defines for it.
/// </summary>
internal static class NativeSmartModules
{
    /// <summary>The chain for a stream or a produce on <paramref name="log"/>, its modules' lookbacks read from it.</summary>
    public static SmartModuleChain Start(BrokerCore core, IReadOnlyList<SmartModuleInvocation> invocations, short version, Fluvio.Storage.PartitionLog log)
    {
        var requests = new List<SmartModuleRequest>(invocations.Count);
        foreach (var invocation in invocations)
        {
            if (invocation.IsJoin)
            {
                throw new SmartModuleException(SmartModuleFaultKind.ChainInit, $"{invocation.Describe()} asks for a join, and this broker runs no join SmartModules.");
            }
            var wasm = invocation.Name is null ? core.SmartModules.Gunzip(invocation.GzippedWasm) : ReadOnlyMemory<byte>.Empty;
            requests.Add(new SmartModuleRequest(invocation.Name, wasm, invocation.Accumulator, invocation.Parameters, invocation.Lookback));
        }
        return core.SmartModules.Start(requests, version, log);
    }

    public static ErrorCode ToErrorCode(SmartModuleException e) => e.Kind switch
    {
        SmartModuleFaultKind.NotFound => ErrorCode.SmartModuleNotFound(e.ModuleName ?? ""),
        SmartModuleFaultKind.Invalid => ErrorCode.SmartModuleInvalid(e.Message, e.ModuleName),
        SmartModuleFaultKind.Init => ErrorCode.SmartModuleInitError(e.Message),
        SmartModuleFaultKind.LookBack => ErrorCode.SmartModuleLookBackError(e.Message),
        SmartModuleFaultKind.MemoryLimit when e.Memory is { } memory => ErrorCode.SmartModuleMemoryLimitExceeded(memory.Requested, memory.Max),
        SmartModuleFaultKind.Runtime when e.Record is { } record =>
            ErrorCode.SmartModuleRuntimeError(record.Hint, record.Offset, record.Kind, record.Key, record.Value),
        _ => ErrorCode.SmartModuleChainInitError(e.Message),
    };
}
