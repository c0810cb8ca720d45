using System.Management.Automation;

namespace Fluvio.Bench;

/// <summary>
/// The yardstick for the pipeline case: a compiled cmdlet that takes each line from the pipeline
/// and does nothing with it. What PowerShell itself costs per object.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "NullSink")]
public sealed class NullSinkCommand : PSCmdlet
{
    [Parameter(ValueFromPipeline = true)]
    [AllowEmptyString]
    public string? Value { get; set; }

    public long Count { get; private set; }

    protected override void ProcessRecord() => Count++;
}
