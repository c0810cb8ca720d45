using System.Buffers;
using System.Collections;
using System.Globalization;
using System.Management.Automation;
using System.Text.Json;

namespace Fluvio.PowerShell;

/// <summary>
/// PowerShell objects to JSON and back, with System.Text.Json. Written here rather than by
/// calling ConvertTo-Json so binary cmdlets need no script round trip, and with a depth bound
/// deep enough for real data (ConvertTo-Json's default of 2 silently flattens).
/// </summary>
internal static class PSObjectJson
{
    public const int MaxDepth = 32;

    public static object? Unwrap(object? value) => value is PSObject ps ? ps.BaseObject : value;

    public static byte[] Serialize(object? value)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, value, 0);
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>JSON text to PowerShell values: objects become PSCustomObjects, arrays object[].</summary>
    public static object? Parse(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = MaxDepth * 2 });
        using var document = JsonDocument.ParseValue(ref reader);
        return ToPowerShell(document.RootElement);
    }

    private static void Write(Utf8JsonWriter writer, object? value, int depth)
    {
        var psObject = value as PSObject;
        value = Unwrap(value);
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                return;
            case string s:
                writer.WriteStringValue(s);
                return;
            case char c:
                writer.WriteStringValue(c.ToString());
                return;
            case bool b:
                writer.WriteBooleanValue(b);
                return;
            case int or long or short or sbyte or byte or ushort or uint:
                writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                return;
            case ulong u:
                writer.WriteNumberValue(u);
                return;
            case double d when double.IsFinite(d):
                writer.WriteNumberValue(d);
                return;
            case float f when float.IsFinite(f):
                writer.WriteNumberValue(f);
                return;
            case decimal m:
                writer.WriteNumberValue(m);
                return;
            case double or float:
                writer.WriteNullValue(); // JSON has no NaN or infinity
                return;
            case DateTime dt:
                writer.WriteStringValue(dt);
                return;
            case DateTimeOffset dto:
                writer.WriteStringValue(dto);
                return;
            case Guid or Uri or TimeSpan or Enum:
                writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                return;
        }
        if (depth >= MaxDepth)
        {
            // Past the bound, an object is written as its text, as ConvertTo-Json does.
            writer.WriteStringValue(value.ToString());
            return;
        }
        switch (value)
        {
            case IDictionary dictionary:
                writer.WriteStartObject();
                foreach (DictionaryEntry entry in dictionary)
                {
                    writer.WritePropertyName(Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? "");
                    Write(writer, entry.Value, depth + 1);
                }
                writer.WriteEndObject();
                return;
            case IEnumerable sequence:
                writer.WriteStartArray();
                foreach (object? item in sequence)
                {
                    Write(writer, item, depth + 1);
                }
                writer.WriteEndArray();
                return;
        }
        writer.WriteStartObject();
        foreach (var property in (psObject ?? PSObject.AsPSObject(value)).Properties)
        {
            if (property is RecordOrigin.Note)
            {
                // Where -AsJson read the object from, not part of it: a re-send writes the value as it was.
                continue;
            }
            if (property.IsGettable && property.MemberType is PSMemberTypes.NoteProperty or PSMemberTypes.Property or PSMemberTypes.ScriptProperty or PSMemberTypes.CodeProperty or PSMemberTypes.AliasProperty)
            {
                object? propertyValue;
                try
                {
                    propertyValue = property.Value;
                }
                catch (GetValueException)
                {
                    continue;
                }
                writer.WritePropertyName(property.Name);
                Write(writer, propertyValue, depth + 1);
            }
        }
        writer.WriteEndObject();
    }

    /// <summary>
    /// An ISO 8601 date and time as ConvertFrom-Json reads it (Json.NET's round-trip rule): a
    /// <see cref="DateTime"/> in UTC for a trailing Z, converted to local time for an offset, of
    /// unspecified kind without either. Other strings, dates without a time among them, stay text.
    /// </summary>
    private static DateTime? AsDate(JsonElement element)
    {
        string text = element.GetString()!;
        if (text.Length < 19 || text[10] != 'T' || !char.IsAsciiDigit(text[0]) || !element.TryGetDateTimeOffset(out var moment))
        {
            return null;
        }
        if (text.EndsWith('Z') || text.EndsWith('z'))
        {
            return moment.UtcDateTime;
        }
        bool hasOffset = text.LastIndexOfAny(['+', '-']) > 10;
        return hasOffset ? moment.LocalDateTime : DateTime.SpecifyKind(moment.DateTime, DateTimeKind.Unspecified);
    }

    private static object? ToPowerShell(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var result = new PSObject();
                foreach (var property in element.EnumerateObject())
                {
                    result.Properties.Add(new PSNoteProperty(property.Name, ToPowerShell(property.Value)));
                }
                return result;
            case JsonValueKind.Array:
                return element.EnumerateArray().Select(ToPowerShell).ToArray();
            case JsonValueKind.String:
                return AsDate(element) is { } date ? date : element.GetString();
            case JsonValueKind.Number:
                return element.TryGetInt64(out long integer) ? (object)integer : element.GetDouble();
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            default:
                return null;
        }
    }
}
