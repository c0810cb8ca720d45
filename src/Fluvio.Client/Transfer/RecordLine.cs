namespace Fluvio.Client;

/// <summary>
/// One record of an export file (docs/EXPORT-FORMAT.md): where it was stored, when it was stamped
/// and its exact key and value. <see cref="TimestampMs"/> is milliseconds since the Unix epoch, or
/// <see cref="Fluvio.Protocol.Records.RecordBatch.NoTimestamp"/> for a record without one.
/// </summary>
public sealed record RecordLine(int Partition, long Offset, long TimestampMs, bool HasKey, byte[] Key, byte[] Value);
