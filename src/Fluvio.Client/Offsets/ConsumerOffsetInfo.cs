namespace Fluvio.Client;

/// <summary>
/// A named consumer's position in one partition. As in Fluvio, <see cref="Offset"/> is the last
/// record consumed: reading resumes at <c>Offset + 1</c>.
/// </summary>
public sealed record ConsumerOffsetInfo(string Consumer, string Topic, int Partition, long Offset, DateTimeOffset Modified);
