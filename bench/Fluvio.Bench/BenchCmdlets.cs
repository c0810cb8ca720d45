using System.Management.Automation;

namespace Fluvio.Bench;

/// <summary>
/// Yardsticks for the cmdlet cases: what PowerShell itself costs per object, so the module's
/// figures can be given as ratios to the best any compiled cmdlet could do.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "NullSink")]
public sealed class NullSinkCommand : PSCmdlet
{
    [Parameter(ValueFromPipeline = true)]
    [AllowNull]
    public PSObject? InputObject { get; set; }

    protected override void ProcessRecord()
    {
    }
}

/// <summary>
/// Takes each line as a string parameter and does nothing: the same binding Send-FluvioRecord's
/// -Value gets, so case 1's ratio measures only what the module adds.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "LineSink")]
public sealed class LineSinkCommand : PSCmdlet
{
    [Parameter(ValueFromPipeline = true)]
    [AllowEmptyString]
    [AllowNull]
    public string? Value { get; set; }

    protected override void ProcessRecord()
    {
    }
}

/// <summary>Emits <c>-Count</c> small objects, as fast as a compiled cmdlet can.</summary>
[Cmdlet(VerbsLifecycle.Invoke, "Emitter")]
public sealed class EmitterCommand : PSCmdlet
{
    [Parameter(Mandatory = true)]
    public long Count { get; set; }

    protected override void EndProcessing()
    {
        for (long i = 0; i < Count; i++)
        {
            WriteObject(new EmittedRecord(0, i));
        }
    }
}

public sealed record EmittedRecord(int Partition, long Offset);
