namespace Fluvio.Broker.Core;

/// <summary>Where a consumer asks to start, before the partition's offsets and its committed offset are known.</summary>
internal readonly record struct ConsumeStart(ConsumeStart.From Kind, long Value)
{
    public enum From
    {
        Beginning,
        Offset,
        FromEnd,
        End,
    }

    public static ConsumeStart Beginning => new(From.Beginning, 0);

    public static ConsumeStart At(long offset) => new(From.Offset, offset);

    public static ConsumeStart BeforeEnd(long count) => new(From.FromEnd, count);

    public static ConsumeStart End => new(From.End, 0);
}
