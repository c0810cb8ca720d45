using System.Xml.Linq;

namespace Fluvio.HelpBuilder;

/// <summary>
/// Writes MAML in the shape platyPS emits and Get-Help reads: helpItems / command:command with
/// details, description, syntax (one syntaxItem per parameter set), parameters, input and return
/// types, notes (alertSet), examples and related links.
/// </summary>
internal static class MamlWriter
{
    private static readonly XNamespace Msh = "http://msh";
    private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

    public static XDocument Write(IEnumerable<(CmdletModel Cmdlet, HelpDocument Doc)> commands) =>
        new(new XDeclaration("1.0", "utf-8", null),
            new XElement(Msh + "helpItems", new XAttribute("schema", "maml"),
                commands.Select(c => CommandElement(c.Cmdlet, c.Doc))));

    private static XElement CommandElement(CmdletModel cmdlet, HelpDocument doc)
    {
        var syntax = ParameterSets.Syntax(cmdlet);
        return new XElement(Command + "command",
            new XAttribute(XNamespace.Xmlns + "maml", Maml),
            new XAttribute(XNamespace.Xmlns + "command", Command),
            new XAttribute(XNamespace.Xmlns + "dev", Dev),
            new XElement(Command + "details",
                new XElement(Command + "name", cmdlet.Name),
                new XElement(Command + "verb", cmdlet.Verb),
                new XElement(Command + "noun", cmdlet.Noun),
                Description(doc.Synopsis)),
            Description(doc.Description),
            new XElement(Command + "syntax", syntax.Select(item => new XElement(Command + "syntaxItem",
                new XElement(Maml + "name", cmdlet.Name),
                item.Parameters.Select(p => SyntaxParameter(p, doc)),
                ShouldProcess(cmdlet, doc, inSyntax: true)))),
            Optional(Command + "parameters", Distinct(syntax).Select(p => Parameter(p, doc)).Concat(ShouldProcess(cmdlet, doc, inSyntax: false))),
            new XElement(Command + "inputTypes", Types("inputType", HelpTypes.Inputs(cmdlet), doc.Inputs)),
            new XElement(Command + "returnValues", Types("returnValue", HelpTypes.Outputs(cmdlet), doc.Outputs)),
            doc.Notes.Count == 0 ? null : new XElement(Maml + "alertSet", new XElement(Maml + "alert", Paras(doc.Notes))),
            new XElement(Command + "examples", doc.Examples.Select((e, i) => Example(e, i + 1))),
            Optional(Command + "relatedLinks", doc.RelatedLinks.Select(l => new XElement(Maml + "navigationLink",
                new XElement(Maml + "linkText", l.Text),
                new XElement(Maml + "uri", l.Uri)))));
    }

    /// <summary>In a syntax line: this set's flags, a value placeholder unless it is a switch, {A | B} for enums.</summary>
    private static XElement SyntaxParameter(SetParameter member, HelpDocument doc)
    {
        var parameter = member.Parameter;
        var element = ParameterHeader(parameter, member.Entry.Mandatory, member.Entry.Position, PipelineInput([member.Entry]), doc);
        if (parameter.Type.EnumValues.Count > 0)
        {
            element.Add(new XElement(Command + "parameterValueGroup", parameter.Type.EnumValues.Select(v =>
                new XElement(Command + "parameterValue", new XAttribute("required", "false"), new XAttribute("variableLength", "false"), v))));
        }
        else if (!parameter.IsSwitch)
        {
            element.Add(ParameterValue(parameter));
        }
        return element;
    }

    /// <summary>In the PARAMETERS list: one entry per parameter, its flags merged over the sets it belongs to.</summary>
    private static XElement Parameter(ParameterModel parameter, HelpDocument doc)
    {
        var sets = parameter.Sets.Where(s => !s.DontShow).ToList();
        var element = ParameterHeader(parameter, sets.Any(s => s.Mandatory), sets.Select(s => s.Position).FirstOrDefault(p => p is not null), PipelineInput(sets), doc);
        element.Add(ParameterValue(parameter), TypeElement(parameter.Type.ShortName));
        // Property initializers are code the metadata does not show: a default is what the
        // parameter's [PSDefaultValue] says (a switch is False), and none at all rather than a
        // "None" that would often be wrong.
        string? defaultValue = parameter.IsSwitch ? "False" : parameter.DefaultValue;
        if (defaultValue is not null)
        {
            element.Add(new XElement(Dev + "defaultValue", defaultValue));
        }
        return element;
    }

    private static XElement ParameterHeader(ParameterModel parameter, bool required, int? position, string pipelineInput, HelpDocument doc) =>
        new(Command + "parameter",
            new XAttribute("required", Bool(required)),
            new XAttribute("variableLength", Bool(parameter.Type.Element is not null)),
            new XAttribute("globbing", Bool(parameter.SupportsWildcards)),
            new XAttribute("pipelineInput", pipelineInput),
            new XAttribute("position", position?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "named"),
            new XAttribute("aliases", parameter.Aliases.Count == 0 ? "none" : string.Join(", ", parameter.Aliases)),
            new XElement(Maml + "name", parameter.Name),
            Description(doc.Parameters.FirstOrDefault(s => s.Name.Equals(parameter.Name, StringComparison.OrdinalIgnoreCase))?.Paragraphs ?? []));

    private static XElement ParameterValue(ParameterModel parameter) =>
        new(Command + "parameterValue",
            new XAttribute("required", Bool(!parameter.IsSwitch)),
            new XAttribute("variableLength", Bool(parameter.Type.Element is not null)),
            parameter.Type.ShortName);

    /// <summary>-WhatIf and -Confirm, which PowerShell adds for SupportsShouldProcess; the markdown may reword them.</summary>
    private static IEnumerable<XElement> ShouldProcess(CmdletModel cmdlet, HelpDocument doc, bool inSyntax)
    {
        if (!cmdlet.SupportsShouldProcess)
        {
            yield break;
        }
        foreach (var (name, alias) in new[] { ("WhatIf", "wi"), ("Confirm", "cf") })
        {
            var words = doc.Parameters.FirstOrDefault(s => s.Name.Equals(name, StringComparison.OrdinalIgnoreCase))?.Paragraphs
                ?? [HelpValidator.ShouldProcessParameters[name]];
            var element = new XElement(Command + "parameter",
                new XAttribute("required", "false"), new XAttribute("variableLength", "false"), new XAttribute("globbing", "false"),
                new XAttribute("pipelineInput", "False"), new XAttribute("position", "named"), new XAttribute("aliases", alias),
                new XElement(Maml + "name", name),
                Description(words));
            if (!inSyntax)
            {
                element.Add(new XElement(Command + "parameterValue", new XAttribute("required", "false"), new XAttribute("variableLength", "false"), "SwitchParameter"),
                    TypeElement("SwitchParameter"), new XElement(Dev + "defaultValue", "False"));
            }
            yield return element;
        }
    }

    /// <summary>The markdown's words for a type first (what it means), then how it binds; "None" needs no explaining twice.</summary>
    private static IEnumerable<XElement> Types(string element, IReadOnlyList<HelpType> types, IReadOnlyList<HelpSection> words) =>
        types.Select(type =>
        {
            var said = words.FirstOrDefault(w => type.Names(w.Name))?.Paragraphs ?? [];
            var facts = said.Count > 0 && type.Name == "None" ? [] : type.Facts;
            return new XElement(Command + element,
                new XElement(Dev + "type", new XElement(Maml + "name", type.Name)),
                Description(said.Concat(facts)));
        });

    private static XElement Example(HelpExample example, int number) =>
        new(Command + "example",
            new XElement(Maml + "title", $"--------- {TitleWithNumber(example.Title, number)} ---------"),
            new XElement(Dev + "code", example.Code),
            // The trailing empty para is the blank line Get-Help otherwise omits before the next example.
            new XElement(Dev + "remarks", Paras(example.Remarks), new XElement(Maml + "para")));

    /// <summary>"Example 3: Bulk load" stays as written; a bare "Bulk load" becomes "Example 3: Bulk load".</summary>
    private static string TitleWithNumber(string title, int number) =>
        title.StartsWith("Example", StringComparison.OrdinalIgnoreCase) ? title : $"Example {number}: {title}";

    private static IEnumerable<ParameterModel> Distinct(IReadOnlyList<SyntaxItem> syntax) =>
        syntax.SelectMany(s => s.Parameters).Select(p => p.Parameter).Distinct();

    private static string PipelineInput(IReadOnlyCollection<ParameterSetEntry> entries)
    {
        bool byValue = entries.Any(e => e.FromPipeline), byName = entries.Any(e => e.FromPipelineByPropertyName);
        return (byValue, byName) switch
        {
            (true, true) => "True (ByPropertyName, ByValue)",
            (true, false) => "True (ByValue)",
            (false, true) => "True (ByPropertyName)",
            _ => "False",
        };
    }

    /// <summary>
    /// A container only when it has children: Get-Help's default view fails on an empty
    /// command:parameters (a cmdlet without parameters) and falls back to a raw property list.
    /// </summary>
    private static XElement? Optional(XName name, IEnumerable<XElement> children)
    {
        var list = children.ToList();
        return list.Count == 0 ? null : new XElement(name, list);
    }

    private static XElement TypeElement(string name) =>
        new(Dev + "type", new XElement(Maml + "name", name), new XElement(Maml + "uri"));

    private static XElement Description(IEnumerable<string> paragraphs) => new(Maml + "description", Paras(paragraphs));

    private static IEnumerable<XElement> Paras(IEnumerable<string> paragraphs) => paragraphs.Select(p => new XElement(Maml + "para", p));

    private static string Bool(bool value) => value ? "true" : "false";
}
