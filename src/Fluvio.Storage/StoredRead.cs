namespace Fluvio.Storage;

/// <summary>
/// <paramref name="Length"/> bytes of <paramref name="Segment"/>'s file from
/// <paramref name="Position"/>, at <paramref name="Start"/> in a read's buffer. Parts hold whole
/// batches (a segment holds whole batches, and a read starts at one).
/// </summary>
internal readonly record struct StoredPart(Segment Segment, long Position, int Start, int Length);

/// <summary>
/// What <see cref="LogReader.Read"/> fetched: the whole batches it hands out, and the parts of
/// segment files they were read from (the first one, and any later segments the read crossed
/// into), which may run past <paramref name="Batches"/> where the read ended inside a batch.
/// </summary>
internal readonly record struct StoredRead(ReadOnlyMemory<byte> Batches, StoredPart First, List<StoredPart>? Later);
