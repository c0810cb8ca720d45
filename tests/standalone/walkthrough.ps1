# Run by run.sh in the self-contained pwsh, with no other .NET on the machine: the seed
# walkthrough as a user runs it, then the local cluster stopped.
$ErrorActionPreference = 'Stop'
"pwsh $($PSVersionTable.PSVersion) on .NET $([Environment]::Version), PSHOME $PSHOME"
Import-Module (Join-Path $env:FLUVIO_MODULE 'Fluvio.psd1')
try {
    # Dot-sourced: its $cluster tells which broker to check for below.
    . (Join-Path $PSScriptRoot '../../examples/seed-walkthrough.ps1')
    "broker: $((Get-Process -Id $cluster.ProcessId).Path)"
    # A SmartModule (run.sh writes the test map, which upper-cases values) on the same broker:
    # Wasmtime inside the standalone broker, with no .NET on the machine.
    $mapped = Receive-FluvioRecord -Topic bank-transactions -SmartModulePath $env:FLUVIO_SMARTMODULE
    "smartmodule map: $(($mapped | Sort-Object Partition, Offset).Value -join ', ')"
}
finally {
    # Only a cluster this script started: otherwise Stop's "no local cluster" would hide why the start failed.
    if ($cluster) { Stop-FluvioLocalCluster | Out-Null }
}
if (Get-Process -Id $cluster.ProcessId -ErrorAction SilentlyContinue) {
    throw "The broker (process $($cluster.ProcessId)) still runs after Stop-FluvioLocalCluster."
}
