namespace Fluvio.HelpBuilder;

/// <summary>One reason the help cannot be built, in MSBuild's canonical form so the build lists it as an error.</summary>
internal sealed record HelpProblem(string File, int Line, string Code, string Message)
{
    public override string ToString() => $"{File}({Line}): error {Code}: {Message}";
}

/// <summary>
/// Holds the markdown to the assembly: every cmdlet documented, every parameter described, no
/// description of a parameter that does not exist, at least one example with code. Help that
/// drifts from the code fails the build instead of misleading users.
/// </summary>
internal static class HelpValidator
{
    /// <summary>-WhatIf and -Confirm come from SupportsShouldProcess; the builder has standard words for them.</summary>
    public static readonly IReadOnlyDictionary<string, string> ShouldProcessParameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["WhatIf"] = "Shows what would happen if the cmdlet runs. The cmdlet is not run.",
        ["Confirm"] = "Prompts you for confirmation before running the cmdlet.",
    };

    public static List<HelpProblem> Check(IReadOnlyList<CmdletModel> cmdlets, IReadOnlyDictionary<string, HelpDocument> docs, string docsDirectory)
    {
        var problems = new List<HelpProblem>();
        foreach (var cmdlet in cmdlets)
        {
            if (!docs.TryGetValue(cmdlet.Name, out var doc))
            {
                problems.Add(new(Path.Combine(docsDirectory, cmdlet.Name + ".md"), 1, "FHB001",
                    $"{cmdlet.Name} has no help: write docs/help/{cmdlet.Name}.md (SYNOPSIS, DESCRIPTION, PARAMETERS, EXAMPLES)."));
                continue;
            }
            problems.AddRange(CheckOne(cmdlet, doc));
        }
        foreach (var doc in docs.Values.Where(d => !cmdlets.Any(c => c.Name.Equals(Path.GetFileNameWithoutExtension(d.Path), StringComparison.OrdinalIgnoreCase))))
        {
            problems.Add(new(doc.Path, 1, "FHB006", $"{Path.GetFileName(doc.Path)} describes no cmdlet of the assembly (renamed or removed?)."));
        }
        return problems;
    }

    private static IEnumerable<HelpProblem> CheckOne(CmdletModel cmdlet, HelpDocument doc)
    {
        if (doc.Synopsis.Count == 0)
        {
            yield return new(doc.Path, 1, "FHB005", $"{cmdlet.Name}: the '## SYNOPSIS' section is missing or empty.");
        }
        if (doc.Description.Count == 0)
        {
            yield return new(doc.Path, 1, "FHB005", $"{cmdlet.Name}: the '## DESCRIPTION' section is missing or empty.");
        }
        var documented = Visible(cmdlet).Select(p => p.Name).ToList();
        if (cmdlet.SupportsShouldProcess)
        {
            documented.AddRange(ShouldProcessParameters.Keys);
        }
        foreach (var parameter in Visible(cmdlet))
        {
            if (!doc.Parameters.Any(s => s.Name.Equals(parameter.Name, StringComparison.OrdinalIgnoreCase) && s.Paragraphs.Count > 0))
            {
                yield return new(doc.Path, 1, "FHB002", $"{cmdlet.Name}: parameter -{parameter.Name} has no description: add '### -{parameter.Name}' under '## PARAMETERS'.");
            }
        }
        foreach (var section in doc.Parameters)
        {
            if (!documented.Contains(section.Name, StringComparer.OrdinalIgnoreCase))
            {
                yield return new(doc.Path, section.Line, "FHB003", $"{cmdlet.Name} has no parameter -{section.Name}.");
            }
            else if (doc.Parameters.Count(s => s.Name.Equals(section.Name, StringComparison.OrdinalIgnoreCase)) > 1)
            {
                yield return new(doc.Path, section.Line, "FHB003", $"{cmdlet.Name}: -{section.Name} is described twice.");
            }
        }
        foreach (var (heading, types, sections) in new[] { ("INPUTS", HelpTypes.Inputs(cmdlet), doc.Inputs), ("OUTPUTS", HelpTypes.Outputs(cmdlet), doc.Outputs) })
        {
            foreach (var section in sections.Where(s => !types.Any(t => t.Names(s.Name))))
            {
                yield return new(doc.Path, section.Line, "FHB007",
                    $"{cmdlet.Name}: '{section.Name}' under '## {heading}' is not one of its {heading.ToLowerInvariant()} ({string.Join(", ", types.Select(t => t.Name))}).");
            }
        }
        if (doc.Examples.Count == 0)
        {
            yield return new(doc.Path, 1, "FHB004", $"{cmdlet.Name} has no example: add '### Example 1: ...' with a powershell code block under '## EXAMPLES'.");
        }
        foreach (var example in doc.Examples.Where(e => e.Code.Trim().Length == 0))
        {
            yield return new(doc.Path, example.Line, "FHB004", $"{cmdlet.Name}: '{example.Title}' has no code block.");
        }
    }

    /// <summary>Parameters users see: [Parameter(DontShow = true)] in every set hides one from help and completion.</summary>
    public static IEnumerable<ParameterModel> Visible(CmdletModel cmdlet) => cmdlet.Parameters.Where(p => !p.Sets.All(s => s.DontShow));
}
