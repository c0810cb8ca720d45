using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace Fluvio.PowerShell;

/// <summary>Completes -Topic and -Name with the topics of the broker the command would use.</summary>
public sealed class TopicNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        Uri? endpoint;
        try
        {
            endpoint = ConnectionResolver.ResolveEndpoint(fakeBoundParameters["Endpoint"] as string);
        }
        catch (UriFormatException)
        {
            yield break;
        }
        if (endpoint is null)
        {
            yield break;
        }
        string word = wordToComplete.Trim('\'', '"');
        var pattern = WildcardPattern.Get(word + "*", WildcardOptions.IgnoreCase);
        var client = FluvioSessionState.ClientFor(endpoint);
        foreach (string name in TopicCache.Names(endpoint, async () => (await client.ListTopicsAsync().ConfigureAwait(false)).Select(t => t.Name).ToArray()))
        {
            if (pattern.IsMatch(name))
            {
                yield return new CompletionResult(name, name, CompletionResultType.ParameterValue, name);
            }
        }
    }
}
