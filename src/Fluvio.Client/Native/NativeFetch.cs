using Fluvio.Protocol.Native;

namespace Fluvio.Client;

/// <summary>
/// The one-shot read (SPU key 1, wire protocol §5.7): no stream is registered on the SPU, so a
/// search that probes a partition many times leaves nothing open behind it. The official
/// clients never send it, but the SPU (fluvio-spu's fetch_handler) answers it from the leader's
/// log with the request's max_bytes and isolation, as our broker does.
/// </summary>
internal static class NativeFetch
{
    /// <summary>The lowest version with max_bytes (3) and isolation (4).</summary>
    private const short MinVersion = 4;

    public static async Task<ReadOnlyMemory<byte>> ReadAsync(NativeSocket socket, string topic, int partition, long offset, int maxBytes, ReadIsolation isolation, CancellationToken ct)
    {
        short version = socket.VersionFor((ushort)SpuApiKey.Fetch, MinVersion, FluvioApiVersions.SpuCurrentVersion, FluvioApiVersions.SpuCurrentVersion);
        var request = new FetchRequest(MaxWaitMs: 0, MinBytes: 0, maxBytes, ToWire(isolation),
            [new FetchableTopic(topic, [new FetchPartition((uint)partition, CurrentLeaderEpoch: -1, offset, LogStartOffset: 0, maxBytes)])], []);
        var reader = await socket.RequestAsync((ushort)SpuApiKey.Fetch, version, w => request.Encode(w, version), ct).ConfigureAwait(false);
        var answer = FetchResponse.Decode(reader, version);
        if (answer.Error.IsError)
        {
            throw NativeErrorMapping.ToException(answer.Error, topic);
        }
        var data = answer.Topics.SelectMany(t => t.Partitions).FirstOrDefault(p => p.PartitionIndex == (uint)partition)
            ?? throw new FluvioException(FluvioErrorCode.PartitionNotFound, $"The SPU did not answer for partition {partition} of topic '{topic}'.");
        if (data.Error.IsError)
        {
            throw NativeErrorMapping.ToException(data.Error, $"partition {partition} of topic '{topic}'");
        }
        return data.Batches;
    }

    public static Isolation ToWire(ReadIsolation isolation) =>
        isolation == ReadIsolation.ReadUncommitted ? Isolation.ReadUncommitted : Isolation.ReadCommitted;
}
