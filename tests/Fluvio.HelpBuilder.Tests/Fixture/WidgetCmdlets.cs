using System.Management.Automation;

namespace Fluvio.HelpBuilder.Tests.Fixture;

// A tiny module for the builder to read: two parameter sets, positional and pipeline
// parameters, an inherited parameter, aliases, wildcards, an enum, ShouldProcess.

public enum WidgetColor
{
    Red,
    Green,
}

public sealed class WidgetResult
{
    public string Name { get; set; } = "";
}

public abstract class WidgetCmdletBase : PSCmdlet
{
    [Parameter]
    public string? Endpoint { get; set; }
}

[Cmdlet(VerbsCommunications.Send, "Widget", DefaultParameterSetName = "Text", SupportsShouldProcess = true)]
[OutputType(typeof(WidgetResult))]
public sealed class SendWidgetCommand : WidgetCmdletBase
{
    [Parameter(Position = 0)]
    [Alias("TopicName")]
    public string? Topic { get; set; }

    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = "Text")]
    public string? Value { get; set; }

    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = "Object")]
    public PSObject? InputObject { get; set; }

    [Parameter(ParameterSetName = "Text")]
    public string? KeySeparator { get; set; }

    [Parameter]
    [PSDefaultValue(Value = 3)]
    public int? Partition { get; set; }

    [Parameter]
    [PSDefaultValue(Help = "the topic's colour")]
    public WidgetColor? Color { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    [Parameter(DontShow = true)]
    public SwitchParameter Hidden { get; set; }
}

[Cmdlet(VerbsCommon.Get, "Widget")]
public sealed class GetWidgetCommand : WidgetCmdletBase
{
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Topic")]
    [SupportsWildcards]
    public string[]? Name { get; set; }
}

// No parameters at all: the MAML must then leave out command:parameters (Get-Help's default view breaks on an empty one).
[Cmdlet(VerbsCommon.Clear, "Widget")]
public sealed class ClearWidgetCommand : PSCmdlet
{
}

// Not exported by PowerShell, so not documented: abstract and non-public cmdlets are skipped.
[Cmdlet(VerbsCommon.Remove, "Widget")]
internal sealed class RemoveWidgetCommand : PSCmdlet
{
}
