using System.Management.Automation;
using Fluvio.Client;

namespace Fluvio.PowerShell.Commands;

/// <summary>Remove-FluvioTopic: deletes topics and every record in them. Asks first (ConfirmImpact High) unless -Force or -Confirm:$false.</summary>
[Cmdlet(VerbsCommon.Remove, "FluvioTopic", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = NameSet, HelpUri = HelpLinks.Base + "Remove-FluvioTopic.md")]
[OutputType(typeof(string))]
public sealed class RemoveFluvioTopicCommand : FluvioClientCmdlet
{
    private const string NameSet = "Name";
    private const string InputObjectSet = "InputObject";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = NameSet)]
    [ArgumentCompleter(typeof(TopicNameCompleter))]
    [Alias("Topic", "TopicName")]
    public string[] Name { get; set; } = [];

    /// <summary>Topics piped from Get-FluvioTopic.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
    public FluvioTopic[] InputObject { get; set; } = [];

    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Writes each removed topic's name.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var names = ParameterSetName == InputObjectSet ? InputObject.Select(t => t.Name) : Name;
        foreach (string name in names)
        {
            // -Force skips the prompt; -WhatIf still only describes.
            bool whatIf = MyInvocation.BoundParameters.ContainsKey("WhatIf");
            try
            {
                // A topic that is not there is TopicNotFound, not a question or a "What if".
                Client.DescribeTopicAsync(name, StopToken).GetAwaiter().GetResult();
                if (!(Force && !whatIf) && !ShouldProcess($"topic '{name}' and every record in it", "Remove"))
                {
                    continue;
                }
                Client.DeleteTopicAsync(name, StopToken).GetAwaiter().GetResult();
                TopicCache.Invalidate(Client.Endpoint);
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
