namespace Fluvio.HelpBuilder;

/// <summary>A type in the INPUTS or OUTPUTS of a cmdlet, with what the attributes say about it.</summary>
internal sealed record HelpType(string Name, IReadOnlyList<string> Facts);

/// <summary>
/// Input types follow from the pipeline flags of the parameters, output types from [OutputType].
/// Markdown "## INPUTS / ### Type" only adds words to one of these; it cannot invent a type.
/// </summary>
internal static class HelpTypes
{
    private const string AnyObject = "System.Management.Automation.PSObject";

    public static IReadOnlyList<HelpType> Inputs(CmdletModel cmdlet)
    {
        var types = HelpValidator.Visible(cmdlet)
            .SelectMany(p => p.Sets.Where(s => s.FromPipeline || s.FromPipelineByPropertyName).Select(s => (Parameter: p, Entry: s)))
            .SelectMany(b => Bindings(b.Parameter, b.Entry))
            .GroupBy(b => b.Type, b => b.Fact)
            .Select(g => new HelpType(g.Key, g.Distinct().ToList()))
            .ToList();
        return types.Count > 0 ? types : [new HelpType("None", ["This cmdlet takes no pipeline input."])];
    }

    public static IReadOnlyList<HelpType> Outputs(CmdletModel cmdlet) =>
        cmdlet.OutputTypes.Count == 0 ? [new HelpType("None", ["This cmdlet writes no output."])] : cmdlet.OutputTypes.Select(t => new HelpType(t, [])).ToList();

    /// <summary>Whether a markdown "### name" means this type: full name, or the name without its namespace.</summary>
    public static bool Names(this HelpType type, string name) =>
        name == type.Name || name == type.Name.Split('.')[^1];

    /// <summary>By value the parameter's (element) type binds; by property name any object with that property does.</summary>
    private static IEnumerable<(string Type, string Fact)> Bindings(ParameterModel parameter, ParameterSetEntry entry)
    {
        if (entry.FromPipeline)
        {
            yield return ((parameter.Type.Element ?? parameter.Type.Underlying).FullName, $"Binds to -{parameter.Name}.");
        }
        if (entry.FromPipelineByPropertyName)
        {
            var names = new[] { parameter.Name }.Concat(parameter.Aliases).ToList();
            string either = names.Count == 1 ? names[0] : $"{string.Join(", ", names.SkipLast(1))} or {names[^1]}";
            yield return (AnyObject, $"A piped object's {either} property binds to -{parameter.Name}.");
        }
    }
}
