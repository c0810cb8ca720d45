using System.Management.Automation;

namespace Fluvio.PowerShell.Commands;

/// <summary>Get-FluvioSmartModule: lists the SmartModules the cluster holds, optionally by name with wildcards (fluvio smartmodule list).</summary>
[Cmdlet(VerbsCommon.Get, "FluvioSmartModule", HelpUri = HelpLinks.Base + "Get-FluvioSmartModule.md")]
[OutputType(typeof(FluvioSmartModule))]
public sealed class GetFluvioSmartModuleCommand : FluvioClientCmdlet
{
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    public string[]? Name { get; set; }

    protected override void ProcessRecord()
    {
        var modules = Await(Client.ListSmartModulesAsync(StopToken)).Select(m => new FluvioSmartModule { Name = m.Name, Size = m.Size }).ToList();
        if (Name is null)
        {
            WriteObject(modules, enumerateCollection: true);
            return;
        }
        foreach (string name in Name)
        {
            var pattern = WildcardPattern.Get(name, WildcardOptions.IgnoreCase);
            var matches = modules.Where(m => pattern.IsMatch(m.Name)).ToList();
            if (matches.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(name))
            {
                WriteError(new ErrorRecord(new ItemNotFoundException($"SmartModule '{name}' not found."), "SmartModuleNotFound", ErrorCategory.ObjectNotFound, name));
            }
            WriteObject(matches, enumerateCollection: true);
        }
    }
}
