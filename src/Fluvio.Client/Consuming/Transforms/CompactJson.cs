using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Fluvio.Client;

/// <summary>
/// A transforms step's map or sequence <c>with</c> value as the text Fluvio hands the module:
/// serde_json's compact form of the value (no spaces; object keys sorted, as its BTreeMap keeps
/// them; only ", \ and control characters escaped; floats written as the ryu crate writes them).
/// Plain YAML scalars resolve as serde_yaml 0.9 resolves them (YAML 1.2 core schema): null, true
/// and false, integers (also 0x, 0o, 0b), floats; everything else, and every quoted scalar, is a string.
/// </summary>
internal static partial class CompactJson
{
    public static string Write(YamlNode node)
    {
        var json = new StringBuilder();
        Value(json, node);
        return json.ToString();
    }

    public static string Write(JsonElement element)
    {
        var json = new StringBuilder();
        Value(json, element);
        return json.ToString();
    }

    private static void Value(StringBuilder json, YamlNode node)
    {
        switch (node)
        {
            case YamlScalar scalar:
                if (Resolve(scalar) is { } token)
                {
                    json.Append(token);
                }
                else
                {
                    String(json, scalar.Value);
                }
                break;
            case YamlSequence sequence:
                json.Append('[');
                for (int i = 0; i < sequence.Items.Count; i++)
                {
                    json.Append(i == 0 ? "" : ",");
                    Value(json, sequence.Items[i]);
                }
                json.Append(']');
                break;
            case YamlMapping mapping:
                Object(json, mapping.Entries, Value);
                break;
        }
    }

    private static void Value(StringBuilder json, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                Object(json, element.EnumerateObject().Select(p => new KeyValuePair<string, JsonElement>(p.Name, p.Value)), Value);
                break;
            case JsonValueKind.Array:
                json.Append('[');
                bool first = true;
                foreach (var item in element.EnumerateArray())
                {
                    json.Append(first ? "" : ",");
                    first = false;
                    Value(json, item);
                }
                json.Append(']');
                break;
            case JsonValueKind.String:
                String(json, element.GetString()!);
                break;
            case JsonValueKind.Number:
                json.Append(JsonNumber(element.GetRawText()));
                break;
            default:
                json.Append(element.GetRawText()); // true, false, null
                break;
        }
    }

    /// <summary>Keys in the order of their UTF-8 bytes, as a BTreeMap&lt;String, _&gt; orders them; a repeated key keeps its last value, as inserting into one does.</summary>
    private static void Object<T>(StringBuilder json, IEnumerable<KeyValuePair<string, T>> entries, Action<StringBuilder, T> value)
    {
        var sorted = new SortedDictionary<string, T>(Utf8Order.Instance);
        foreach (var (key, item) in entries)
        {
            sorted[key] = item;
        }
        json.Append('{');
        bool first = true;
        foreach (var (key, item) in sorted)
        {
            json.Append(first ? "" : ",");
            first = false;
            String(json, key);
            json.Append(':');
            value(json, item);
        }
        json.Append('}');
    }

    private sealed class Utf8Order : IComparer<string>
    {
        public static readonly Utf8Order Instance = new();

        public int Compare(string? x, string? y) =>
            Encoding.UTF8.GetBytes(x!).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(y!));
    }

    /// <summary>A string as serde_json writes it: ", \ and the C0 controls escaped (\b \f \n \r \t, else \u00xx); everything else as it is.</summary>
    internal static void String(StringBuilder json, string text)
    {
        json.Append('"');
        foreach (char c in text)
        {
            switch (c)
            {
                case '"': json.Append("\\\""); break;
                case '\\': json.Append("\\\\"); break;
                case '\b': json.Append("\\b"); break;
                case '\f': json.Append("\\f"); break;
                case '\n': json.Append("\\n"); break;
                case '\r': json.Append("\\r"); break;
                case '\t': json.Append("\\t"); break;
                case < ' ': json.Append("\\u00").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture)); break;
                default: json.Append(c); break;
            }
        }
        json.Append('"');
    }

    /// <summary>
    /// The JSON a plain scalar resolves to (serde_yaml 0.9): "null", "true", "false", an integer or a
    /// float as serde_json writes it; null when the scalar is a string. Quoted and block scalars are strings.
    /// </summary>
    internal static string? Resolve(YamlScalar scalar)
    {
        if (scalar.Style != YamlStyle.Plain)
        {
            return null;
        }
        string text = scalar.Value;
        if (scalar.IsNull)
        {
            return "null";
        }
        if (text is "true" or "True" or "TRUE")
        {
            return "true";
        }
        if (text is "false" or "False" or "FALSE")
        {
            return "false";
        }
        if (Integer(text) is { } integer)
        {
            return integer;
        }
        if (text is ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF" or "-.inf" or "-.Inf" or "-.INF" or ".nan" or ".NaN" or ".NAN")
        {
            return "null"; // serde_json has no infinity or NaN: its Value holds them as null
        }
        // Leading zeros before more digits ("007") make a string in YAML 1.2, not a number.
        if (!LeadingZeroDigits().IsMatch(text) && FloatPattern().IsMatch(text)
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
        {
            return Float(value);
        }
        return null;
    }

    private static string? Integer(string text)
    {
        bool negative = text.StartsWith('-');
        string digits = text.StartsWith('-') || text.StartsWith('+') ? text[1..] : text;
        int radix = digits.StartsWith("0x", StringComparison.Ordinal) ? 16 : digits.StartsWith("0o", StringComparison.Ordinal) ? 8 : digits.StartsWith("0b", StringComparison.Ordinal) ? 2 : 10;
        if (radix != 10)
        {
            digits = digits[2..];
        }
        if (digits.Length == 0 || (radix == 10 && digits.Length > 1 && digits[0] == '0'))
        {
            return null;
        }
        System.Numerics.BigInteger value = 0;
        foreach (char c in digits)
        {
            int d = c is >= '0' and <= '9' ? c - '0' : c is >= 'a' and <= 'f' ? c - 'a' + 10 : c is >= 'A' and <= 'F' ? c - 'A' + 10 : 99;
            if (d >= radix)
            {
                return null;
            }
            value = value * radix + d;
        }
        value = negative ? -value : value;
        // An integer past i64/u64 is read as a float, as serde_yaml does with what neither holds.
        return value >= long.MinValue && value <= ulong.MaxValue
            ? (negative && value.IsZero ? "0" : value.ToString(CultureInfo.InvariantCulture))
            : Float((double)value);
    }

    /// <summary>A number of a JSON line as serde_json reads and writes it back: an integer in i64/u64 stays as written, anything else is an f64 (-0 too).</summary>
    internal static string JsonNumber(string raw)
    {
        if (raw.IndexOfAny(['.', 'e', 'E']) < 0 && System.Numerics.BigInteger.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer)
            && integer >= long.MinValue && integer <= ulong.MaxValue && raw != "-0")
        {
            return integer.ToString(CultureInfo.InvariantCulture);
        }
        return Float(double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// A finite f64 as serde_json writes it (the ryu crate): the shortest digits that read back the
    /// same, as 12340000000.0 or 12.34 or 0.001234 while the point falls within 16 places (and no
    /// more than 5 zeros after it), else 1e30, 1.234e33, 1e-7. Not finite: null.
    /// </summary>
    internal static string Float(double value)
    {
        if (!double.IsFinite(value))
        {
            return "null";
        }
        string sign = double.IsNegative(value) ? "-" : "";
        if (value == 0)
        {
            return sign + "0.0";
        }
        // The shortest round-trip digits and where the point goes: value = 0.DIGITS x 10^point.
        string r = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        int e = r.IndexOfAny(['E', 'e']);
        int exponent = e < 0 ? 0 : int.Parse(r.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        string mantissa = e < 0 ? r : r[..e];
        int dot = mantissa.IndexOf('.');
        string digits = mantissa.Replace(".", "", StringComparison.Ordinal);
        int point = (dot < 0 ? mantissa.Length : dot) + exponent;
        int lead = digits.Length - digits.TrimStart('0').Length;
        digits = digits.Trim('0');
        point -= lead;
        int length = digits.Length;

        string text;
        if (point >= length && point <= 16)
        {
            text = digits + new string('0', point - length) + ".0";
        }
        else if (point > 0 && point <= 16)
        {
            text = digits[..point] + "." + digits[point..];
        }
        else if (point > -5 && point <= 0)
        {
            text = "0." + new string('0', -point) + digits;
        }
        else
        {
            text = (length == 1 ? digits : digits[..1] + "." + digits[1..]) + "e" + (point - 1).ToString(CultureInfo.InvariantCulture);
        }
        return sign + text;
    }

    [GeneratedRegex(@"^[-+]?0[0-9]+$")]
    private static partial Regex LeadingZeroDigits();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();
}
