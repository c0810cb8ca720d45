using System.Buffers;
using System.Text;
using Fluvio.Protocol.Compression;
using Fluvio.Protocol.Native;

namespace Fluvio.Client;

/// <summary>
/// A read's SmartModules as the official CLI (0.11.11) puts them in StreamFetch: a stored module
/// by name (Predefined), else the WASM gzip-compressed (AdHoc); kind Generic, with an Aggregate
/// context carrying the initial accumulator when one is given; the parameters as a BTreeMap.
/// </summary>
internal static class NativeSmartModules
{
    public static IReadOnlyList<SmartModuleInvocation> Invocations(IReadOnlyList<SmartModuleSpec>? modules, short version)
    {
        if (modules is not { Count: > 0 })
        {
            return [];
        }
        // Lookback { last } is on the wire from version 20, its age from 21: an SPU that speaks
        // less would never see it, so the request is refused here rather than sent without it.
        if (version < 21 && modules.FirstOrDefault(m => m.Lookback is { } l && (version < 20 || l.Age is not null)) is { } unsent)
        {
            throw new FluvioException(FluvioErrorCode.SmartModuleFailed,
                $"The cluster speaks version {version} of this request, and a SmartModule lookback needs version {(unsent.Lookback!.Age is null ? 20 : 21)}: the lookback cannot be sent.");
        }
        return [.. modules.Select(module => SmartModuleInvocation.Create(
            module.Name,
            module.Name is null ? Gzip(module.Wasm.Span) : ReadOnlyMemory<byte>.Empty,
            module.AggregateInitial is { } initial ? Encoding.UTF8.GetBytes(initial) : (ReadOnlyMemory<byte>?)null,
            module.Parameters,
            module.Lookback is { } lookback ? new Protocol.Native.SmartModuleLookback(lookback.Last, lookback.Age) : null,
            version))];
    }

    private static byte[] Gzip(ReadOnlySpan<byte> wasm)
    {
        var output = new ArrayBufferWriter<byte>(wasm.Length / 2 + 64);
        BatchCompression.Compress(CompressionCodec.Gzip, wasm, output);
        return output.WrittenSpan.ToArray();
    }
}
