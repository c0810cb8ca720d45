namespace Fluvio.Protocol.Records;

/// <summary>
/// One record read out of a stored batch. Key and value are slices of the batch bytes (or of its
/// decompressed records part), not copies.
/// </summary>
public readonly record struct BatchRecord(
    long Offset,
    long Timestamp,
    bool HasKey,
    ReadOnlyMemory<byte> Key,
    ReadOnlyMemory<byte> Value);
