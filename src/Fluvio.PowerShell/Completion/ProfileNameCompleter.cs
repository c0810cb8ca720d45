using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using Fluvio.Client;

namespace Fluvio.PowerShell;

/// <summary>Completes -Profile (and Get-FluvioProfile -Name) with the profiles of the Fluvio CLI's profile file.</summary>
public sealed class ProfileNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var pattern = WildcardPattern.Get(wordToComplete.Trim('\'', '"') + "*", WildcardOptions.IgnoreCase);
        return Profiles()
            .Where(p => pattern.IsMatch(p.Name))
            .Select(p => new CompletionResult(Quoted(p.Name), p.Name, CompletionResultType.ParameterValue, $"{p.Name}: {p.Endpoint ?? $"cluster '{p.ClusterName}' is not defined"}"));
    }

    private static IReadOnlyList<Client.FluvioProfile> Profiles()
    {
        string path = FluvioConfigFile.DefaultPath;
        try
        {
            return File.Exists(path) ? FluvioConfigFile.Load(path).Profiles : [];
        }
        catch (FluvioException)
        {
            return []; // Completion is a convenience: a broken file completes nothing; the command itself says what is wrong.
        }
    }

    /// <summary>A name with spaces or quotes is completed in single quotes, so the completed line still parses.</summary>
    private static string Quoted(string name) =>
        name.All(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.') ? name : $"'{name.Replace("'", "''")}'";
}
