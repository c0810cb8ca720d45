namespace Fluvio.Client;

/// <summary>
/// Where a consumer starts in each partition: <see cref="Beginning"/>, <see cref="AtOffset"/>,
/// <see cref="FromEnd"/> (the last <c>count</c> records) or <see cref="End"/> (new records only).
/// </summary>
public abstract record ConsumerStart
{
    private ConsumerStart()
    {
    }

    /// <summary>The first stored record.</summary>
    public static ConsumerStart Beginning { get; } = new BeginningStart();

    /// <summary>Only records produced from now on.</summary>
    public static ConsumerStart End { get; } = new EndStart();

    /// <summary>An absolute offset.</summary>
    public static ConsumerStart AtOffset(long offset) =>
        offset >= 0 ? new OffsetStart(offset) : throw new FluvioException(FluvioErrorCode.InvalidArgument, $"The start offset cannot be negative ({offset}).");

    /// <summary>This many records before the end.</summary>
    public static ConsumerStart FromEnd(long count) =>
        count >= 0 ? new FromEndStart(count) : throw new FluvioException(FluvioErrorCode.InvalidArgument, $"The count from the end cannot be negative ({count}).");

    /// <summary>
    /// The first record whose timestamp is at or after <paramref name="time"/>, found per partition
    /// by a binary search over offsets (one bounded read per probe, O(log n) probes), not by
    /// reading from the start. It assumes batch timestamps do not decrease along the log; from
    /// the offset found on, every record is delivered, whatever its own timestamp.
    /// </summary>
    public static ConsumerStart AtTime(DateTimeOffset time) => new TimeStart(time);

    public sealed record BeginningStart : ConsumerStart
    {
        public override string ToString() => "beginning";
    }

    public sealed record OffsetStart(long Offset) : ConsumerStart
    {
        public override string ToString() => $"offset {Offset}";
    }

    public sealed record FromEndStart(long Count) : ConsumerStart
    {
        public override string ToString() => $"{Count} from the end";
    }

    public sealed record TimeStart(DateTimeOffset Time) : ConsumerStart
    {
        public override string ToString() => $"time {Time:O}";
    }

    public sealed record EndStart : ConsumerStart
    {
        public override string ToString() => "end";
    }
}
