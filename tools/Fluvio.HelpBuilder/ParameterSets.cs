namespace Fluvio.HelpBuilder;

/// <summary>A parameter as it stands in one parameter set.</summary>
internal sealed record SetParameter(ParameterModel Parameter, ParameterSetEntry Entry);

/// <summary>One syntax line of the cmdlet.</summary>
internal sealed record SyntaxItem(string SetName, IReadOnlyList<SetParameter> Parameters);

/// <summary>
/// Parameter sets as PowerShell binds them: a parameter without a set name belongs to every
/// set; a cmdlet that names no set has one. Each line lists positional parameters by position,
/// then mandatory named ones, then the rest in declaration order, as Get-Command -Syntax does.
/// </summary>
internal static class ParameterSets
{
    public static IReadOnlyList<SyntaxItem> Syntax(CmdletModel cmdlet)
    {
        var visible = HelpValidator.Visible(cmdlet).ToList();
        var names = visible.SelectMany(p => p.Sets).Select(s => s.SetName).Where(n => n != ParameterSetEntry.AllSets).Distinct().ToList();
        if (names.Count == 0)
        {
            names.Add(ParameterSetEntry.AllSets);
        }
        else if (cmdlet.DefaultParameterSet is { } preferred && names.Remove(preferred))
        {
            names.Insert(0, preferred); // the default set is the first line users read
        }
        return names.Select(name => new SyntaxItem(name, InSet(visible, name))).ToList();
    }

    private static List<SetParameter> InSet(List<ParameterModel> parameters, string set)
    {
        var members = new List<SetParameter>();
        foreach (var parameter in parameters)
        {
            // A set-specific [Parameter] wins over the parameter's all-sets one.
            var entry = parameter.Sets.FirstOrDefault(s => s.SetName == set && !s.DontShow)
                ?? parameter.Sets.FirstOrDefault(s => s.SetName == ParameterSetEntry.AllSets && !s.DontShow);
            if (entry is not null)
            {
                members.Add(new SetParameter(parameter, entry));
            }
        }
        return members
            .Select((member, order) => (member, order))
            .OrderBy(m => m.member.Entry.Position is null ? 1 : 0)
            .ThenBy(m => m.member.Entry.Position ?? 0)
            .ThenBy(m => m.member.Entry.Mandatory ? 0 : 1)
            .ThenBy(m => m.order)
            .Select(m => m.member)
            .ToList();
    }
}
