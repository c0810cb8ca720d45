using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using Fluvio.Client;

namespace Fluvio.PowerShell;

/// <summary>Completes -Topic and -Name with the topics of the broker the command would use.</summary>
public sealed class TopicNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        ConnectionTarget? target;
        FluvioClient client;
        try
        {
            target = ConnectionResolver.Resolve(fakeBoundParameters["Endpoint"] as string, fakeBoundParameters["Profile"] as string);
            if (target is null)
            {
                yield break;
            }
            client = FluvioSessionState.ClientFor(target);
        }
        catch (Exception e) when (e is UriFormatException or FluvioException)
        {
            yield break; // the command itself will say what is wrong
        }
        string word = wordToComplete.Trim('\'', '"');
        var pattern = WildcardPattern.Get(word + "*", WildcardOptions.IgnoreCase);
        var endpoint = target.Endpoint;
        foreach (string name in TopicCache.Names(endpoint, async () => (await client.ListTopicsAsync().ConfigureAwait(false)).Select(t => t.Name).ToArray()))
        {
            if (pattern.IsMatch(name))
            {
                yield return new CompletionResult(name, name, CompletionResultType.ParameterValue, name);
            }
        }
    }
}
