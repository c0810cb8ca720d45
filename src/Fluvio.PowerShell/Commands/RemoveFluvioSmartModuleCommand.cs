using System.Management.Automation;
using Fluvio.Client;

namespace Fluvio.PowerShell.Commands;

/// <summary>Remove-FluvioSmartModule: deletes stored SmartModules (fluvio smartmodule delete). Asks first (ConfirmImpact High) unless -Force or -Confirm:$false.</summary>
[Cmdlet(VerbsCommon.Remove, "FluvioSmartModule", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, HelpUri = HelpLinks.Base + "Remove-FluvioSmartModule.md")]
[OutputType(typeof(string))]
public sealed class RemoveFluvioSmartModuleCommand : FluvioClientCmdlet
{
    /// <summary>Names, or SmartModules piped from Get-FluvioSmartModule (by their Name).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string[] Name { get; set; } = [];

    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Writes each removed SmartModule's name.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        foreach (string name in Name)
        {
            bool whatIf = MyInvocation.BoundParameters.ContainsKey("WhatIf");
            try
            {
                // A module that is not there is SmartModuleNotFound, not a question or a "What if".
                if (!Client.ListSmartModulesAsync(StopToken).GetAwaiter().GetResult().Any(m => m.Name == name))
                {
                    WriteError(new ErrorRecord(new ItemNotFoundException($"SmartModule '{name}' not found."), "SmartModuleNotFound", ErrorCategory.ObjectNotFound, name));
                    continue;
                }
                if (!(Force && !whatIf) && !ShouldProcess($"SmartModule '{name}'", "Remove"))
                {
                    continue;
                }
                Client.DeleteSmartModuleAsync(name, StopToken).GetAwaiter().GetResult();
                if (PassThru)
                {
                    WriteObject(name);
                }
            }
            catch (FluvioException e) when (FluvioErrors.IsFatal(e))
            {
                ThrowTerminatingError(FluvioErrors.From(e, Client.Endpoint));
            }
            catch (FluvioException e)
            {
                WriteError(FluvioErrors.From(e, name));
            }
        }
    }
}
