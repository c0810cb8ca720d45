namespace Fluvio.Client;

/// <summary>
/// The duration grammar of the humantime crate (2.1, which Fluvio 0.11.11's transforms file reads
/// a lookback's age with): numbers each followed by a unit, concatenated with optional spaces
/// ("1w", "12 s", "1h 30m", "2h15m"). Units: ns nsec nanos, us usec, ms msec millis,
/// s sec second seconds, m min minute minutes, h hr hour hours, d day days, w week weeks,
/// M month months (30.44 days), y year years (365.25 days). Case matters (m is a minute, M a month).
/// </summary>
internal static class HumanDuration
{
    private const ulong NanosPerSecond = 1_000_000_000;

    /// <summary>The duration <paramref name="text"/> names; one longer than a TimeSpan holds is TimeSpan.MaxValue. A bad one is a FormatException saying why, in humantime's words.</summary>
    public static TimeSpan Parse(string text)
    {
        ulong seconds = 0;
        ulong nanos = 0;
        int i = 0;
        SkipSpaces(text, ref i);
        if (i == text.Length)
        {
            throw new FormatException("value was empty");
        }
        while (i < text.Length)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                throw new FormatException($"expected number at {i}");
            }
            // humantime lets spaces fall between the digits of a number too ("1 2s" is 12s).
            ulong n = 0;
            while (i < text.Length && (char.IsAsciiDigit(text[i]) || char.IsWhiteSpace(text[i])))
            {
                if (char.IsAsciiDigit(text[i]))
                {
                    n = Checked(() => checked(n * 10 + (ulong)(text[i] - '0')));
                }
                i++;
            }
            int start = i;
            while (i < text.Length && char.IsAsciiLetter(text[i]))
            {
                i++;
            }
            if (i < text.Length && !char.IsWhiteSpace(text[i]) && !char.IsAsciiDigit(text[i]))
            {
                throw new FormatException($"invalid character at {i}");
            }
            string unit = text[start..i];
            (ulong unitSeconds, ulong unitNanos) = unit switch
            {
                "nanos" or "nsec" or "ns" => (0UL, 1UL),
                "usec" or "us" => (0UL, 1_000UL),
                "millis" or "msec" or "ms" => (0UL, 1_000_000UL),
                "seconds" or "second" or "sec" or "s" => (1UL, 0UL),
                "minutes" or "minute" or "min" or "m" => (60UL, 0UL),
                "hours" or "hour" or "hr" or "h" => (3_600UL, 0UL),
                "days" or "day" or "d" => (86_400UL, 0UL),
                "weeks" or "week" or "w" => (604_800UL, 0UL),
                "months" or "month" or "M" => (2_630_016UL, 0UL),
                "years" or "year" or "y" => (31_557_600UL, 0UL),
                "" => throw new FormatException($"time unit needed, for example {n}sec or {n}ms"),
                _ => throw new FormatException($"unknown time unit \"{unit}\", supported units: ns, us, ms, sec, min, hours, days, weeks, months, years (and few variations)"),
            };
            ulong part = n;
            nanos = Checked(() => checked(nanos + part * unitNanos));
            seconds = Checked(() => checked(seconds + part * unitSeconds + nanos / NanosPerSecond));
            nanos %= NanosPerSecond;
            SkipSpaces(text, ref i);
        }
        const ulong maxSeconds = (ulong)(long.MaxValue / TimeSpan.TicksPerSecond);
        if (seconds >= maxSeconds)
        {
            return TimeSpan.MaxValue;
        }
        return TimeSpan.FromTicks((long)seconds * TimeSpan.TicksPerSecond + (long)(nanos / 100));
    }

    private static void SkipSpaces(string text, ref int i)
    {
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }
    }

    private static ulong Checked(Func<ulong> sum)
    {
        try
        {
            return sum();
        }
        catch (OverflowException)
        {
            throw new FormatException("number is too large");
        }
    }
}
