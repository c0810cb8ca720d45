namespace Fluvio.Client;

/// <summary>
/// One produce request in the client's own terms: the sealed batches of each partition, in seal
/// order, kept as encoded so that a resend carries exactly the same bytes. Each transport turns it
/// into its own wire (one gRPC ProduceRequest; native Produce requests to the partitions' leaders).
/// </summary>
internal sealed record ProduceCall(ulong Id, string Topic, IReadOnlyList<SealedBatches> Partitions);

/// <summary>One partition's batches in a <see cref="ProduceCall"/>, each a whole encoded record batch.</summary>
internal sealed record SealedBatches(int Partition, IReadOnlyList<ReadOnlyMemory<byte>> Batches);

/// <summary>The cluster's answer to a <see cref="ProduceCall"/>, matched to it by <see cref="Id"/>.</summary>
internal sealed record ProduceAnswer(ulong Id, IReadOnlyList<PartitionOutcome> Partitions);

/// <summary>
/// One partition's outcome: a base offset per batch sent, in order, or the error (already a
/// <see cref="FluvioException"/>: each transport maps its wire's errors itself) that failed them all.
/// </summary>
internal sealed record PartitionOutcome(int Partition, IReadOnlyList<long> BaseOffsets, FluvioException? Error)
{
    public static PartitionOutcome Stored(int partition, IReadOnlyList<long> baseOffsets) => new(partition, baseOffsets, null);

    public static PartitionOutcome Failed(int partition, FluvioException error) => new(partition, [], error);
}
