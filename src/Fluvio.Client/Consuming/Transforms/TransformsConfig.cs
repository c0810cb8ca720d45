using System.Globalization;
using System.Text.Json;

namespace Fluvio.Client;

/// <summary>
/// The Fluvio CLI's transforms chain (produce and consume -t/--transforms FILE,
/// --transforms-line JSON): each step one SmartModule, run in order. A step is
/// <c>uses</c> (a module stored on the cluster, a version suffix such as infinyon/jolt@0.1.0
/// being part of the name), <c>with</c> (its parameters: a text value as it is, a map or a list as
/// compact JSON with sorted keys) and <c>lookback</c> (<c>last</c> records, optional <c>age</c> in
/// humantime's grammar, e.g. 1w, 12 s, 1h 30m). Unknown fields are ignored, as serde does for
/// Fluvio's TransformationStep. As fluvio-smartengine 0.11.11's transformation.rs reads them.
/// </summary>
public static class TransformsConfig
{
    /// <summary>The steps of a transforms file's text (YAML); a fault is a <see cref="TransformsFormatException"/> naming its line.</summary>
    public static IReadOnlyList<SmartModuleSpec> FromYaml(string yaml)
    {
        var root = YamlSubset.Parse(yaml)
            ?? throw new TransformsFormatException("the file is empty: a transforms file is `transforms:` followed by a list of steps");
        if (root is not YamlMapping document)
        {
            throw new TransformsFormatException($"line {root.Line}: a transforms file is a mapping with a `transforms:` list of steps", root.Line);
        }
        var transforms = document["transforms"]
            ?? throw new TransformsFormatException($"line {document.Line}: there is no `transforms` key: a transforms file is `transforms:` followed by a list of steps", document.Line);
        if (transforms is not YamlSequence steps)
        {
            throw Fault(transforms, "`transforms` must be a list of steps (`- uses: ...`), or [] for none");
        }
        return [.. steps.Items.Select((step, i) => Step(step, i + 1))];
    }

    /// <summary>The steps of a transforms file (UTF-8).</summary>
    public static IReadOnlyList<SmartModuleSpec> FromFile(string path) => FromYaml(File.ReadAllText(path));

    /// <summary>One step for each JSON line (the CLI's repeatable --transforms-line); a fault names the line by its position (1-based).</summary>
    public static IReadOnlyList<SmartModuleSpec> FromJsonLines(IEnumerable<string> lines) =>
        [.. lines.Select((line, i) => JsonStep(line, i + 1))];

    private static TransformsFormatException Fault(YamlNode node, string message) => new($"line {node.Line}: {message}", node.Line);

    private static SmartModuleSpec Step(YamlNode node, int number)
    {
        if (node is not YamlMapping step)
        {
            throw Fault(node, $"step {number} must be a mapping with `uses`, and optionally `with` and `lookback`");
        }
        if (step["uses"] is not { } uses)
        {
            throw Fault(step, $"step {number} has no `uses`: name the SmartModule it runs");
        }
        if (uses is not YamlScalar { IsNull: false } name || name.Value.Length == 0)
        {
            throw Fault(uses, $"step {number}: `uses` must be the name of a SmartModule");
        }
        return SmartModuleSpec.Named(name.Value) with
        {
            Parameters = step["with"] is { } with ? Parameters(with, number) : null,
            Lookback = step["lookback"] is { } lookback ? Lookback(lookback, number) : null,
        };
    }

    private static Dictionary<string, string>? Parameters(YamlNode node, int number)
    {
        if (node is not YamlMapping with)
        {
            throw Fault(node, $"step {number}: `with` must be a mapping of parameter names to values");
        }
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in with.Entries)
        {
            parameters[key] = value switch
            {
                YamlScalar scalar when CompactJson.Resolve(scalar) is { } token =>
                    // serde's JsonString takes a text, a map or a sequence: a bare 5, true or null is refused.
                    throw Fault(value, $"step {number}: the `with` value of '{key}' is {Kind(token)} ({token}): quote it ('{scalar.Value}') to pass it as text"),
                YamlScalar scalar => scalar.Value,
                _ => CompactJson.Write(value),
            };
        }
        return parameters.Count == 0 ? null : parameters;
    }

    private static string Kind(string token) => token switch
    {
        "null" => "null",
        "true" or "false" => "a bool",
        _ => "a number",
    };

    private static SmartModuleLookback? Lookback(YamlNode node, int number)
    {
        if (node is YamlScalar { IsNull: true })
        {
            return null;
        }
        if (node is not YamlMapping lookback)
        {
            throw Fault(node, $"step {number}: `lookback` must be a mapping with `last` and/or `age`");
        }
        ulong last = 0;
        if (lookback["last"] is { } lastNode)
        {
            if (lastNode is not YamlScalar { Style: YamlStyle.Plain } count
                || !ulong.TryParse(count.Value, NumberStyles.None, CultureInfo.InvariantCulture, out last))
            {
                throw Fault(lastNode, $"step {number}: `lookback.last` must be a whole number of records (0 or more)");
            }
        }
        TimeSpan? age = null;
        if (lookback["age"] is { } ageNode and not YamlScalar { IsNull: true })
        {
            if (ageNode is not YamlScalar text)
            {
                throw Fault(ageNode, $"step {number}: `lookback.age` must be a duration such as 1h, 12 s or 1w 2d");
            }
            age = Age(text.Value, m => Fault(ageNode, $"step {number}: {m}"));
        }
        return new SmartModuleLookback(last, age);
    }

    private static TimeSpan Age(string text, Func<string, TransformsFormatException> fault)
    {
        try
        {
            return HumanDuration.Parse(text);
        }
        catch (FormatException e)
        {
            throw fault($"`lookback.age` '{text}' is not a duration: {e.Message}");
        }
    }

    // ---- JSON lines --------------------------------------------------------------------------

    private static TransformsFormatException LineFault(int number, string message, Exception? inner = null) =>
        new($"transform line {number}: {message}", null, inner);

    private static SmartModuleSpec JsonStep(string line, int number)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            throw LineFault(number, $"not JSON: {e.Message}", e);
        }
        using (document)
        {
            var step = document.RootElement;
            if (step.ValueKind != JsonValueKind.Object)
            {
                throw LineFault(number, "a step is a JSON object with \"uses\", and optionally \"with\" and \"lookback\"");
            }
            var fields = new HashSet<string>(StringComparer.Ordinal);
            foreach (var field in step.EnumerateObject())
            {
                if (field.Name is "uses" or "with" or "lookback" && !fields.Add(field.Name))
                {
                    throw LineFault(number, $"\"{field.Name}\" is given twice");
                }
            }
            if (!step.TryGetProperty("uses", out var uses))
            {
                throw LineFault(number, "the step has no \"uses\": name the SmartModule it runs");
            }
            if (uses.ValueKind != JsonValueKind.String || uses.GetString() is not { Length: > 0 } name)
            {
                throw LineFault(number, "\"uses\" must be the name of a SmartModule, as a JSON string");
            }
            return SmartModuleSpec.Named(name) with
            {
                Parameters = step.TryGetProperty("with", out var with) ? JsonParameters(with, number) : null,
                Lookback = step.TryGetProperty("lookback", out var lookback) ? JsonLookback(lookback, number) : null,
            };
        }
    }

    private static Dictionary<string, string>? JsonParameters(JsonElement with, int number)
    {
        if (with.ValueKind != JsonValueKind.Object)
        {
            throw LineFault(number, "\"with\" must be an object of parameter names to values");
        }
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var parameter in with.EnumerateObject())
        {
            parameters[parameter.Name] = parameter.Value.ValueKind switch
            {
                JsonValueKind.String => parameter.Value.GetString()!,
                JsonValueKind.Object or JsonValueKind.Array => CompactJson.Write(parameter.Value),
                _ => throw LineFault(number, $"the \"with\" value of \"{parameter.Name}\" is {parameter.Value.GetRawText()}: give a string, an object or an array"),
            };
        }
        return parameters.Count == 0 ? null : parameters;
    }

    private static SmartModuleLookback? JsonLookback(JsonElement lookback, int number)
    {
        if (lookback.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (lookback.ValueKind != JsonValueKind.Object)
        {
            throw LineFault(number, "\"lookback\" must be an object with \"last\" and/or \"age\"");
        }
        ulong last = 0;
        if (lookback.TryGetProperty("last", out var count) && (count.ValueKind != JsonValueKind.Number || !count.TryGetUInt64(out last)))
        {
            throw LineFault(number, "\"lookback.last\" must be a whole number of records (0 or more)");
        }
        TimeSpan? age = null;
        if (lookback.TryGetProperty("age", out var text) && text.ValueKind != JsonValueKind.Null)
        {
            if (text.ValueKind != JsonValueKind.String)
            {
                throw LineFault(number, "\"lookback.age\" must be a duration string such as \"1h\", \"12 s\" or \"1w 2d\"");
            }
            age = Age(text.GetString()!, m => LineFault(number, m));
        }
        return new SmartModuleLookback(last, age);
    }
}
