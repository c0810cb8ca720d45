# The seed walkthrough: keyed records in, the same records out, same key on the same partition.
$ErrorActionPreference = 'Stop'

# Fluvio's own ports when they are free (gRPC 9009, SC 9003, SPU 9010). If another program holds
# one (a Fluvio cluster of yours, say), the error id says so and free ports are taken instead.
$cluster = try {
    Start-FluvioLocalCluster
}
catch {
    if ($_.FullyQualifiedErrorId -notlike 'PortInUse,*') { throw }
    Write-Warning "$_ Starting on free ports instead."
    Start-FluvioLocalCluster -Port 0
}
"Local cluster: $($cluster.Endpoint), native SC $($cluster.ScEndpoint) (data in $($cluster.DataDirectory))"

# Asking for the list rather than the name: a topic that is not there yet is no error.
if (-not (Get-FluvioTopic | Where-Object Name -EQ 'bank-transactions')) {
    New-FluvioTopic -Name bank-transactions -Partitions 3 | Out-Default
}

# data.txt as the user writes it: key=value, one record per line.
$data = Join-Path ([IO.Path]::GetTempPath()) 'fluvio-seed-data.txt'
Set-Content -Path $data -Value 'alice=Deposit 100.00', 'bob=Withdraw 50.00', 'bob=Withdraw 25.00'

Get-Content $data | Send-FluvioRecord -Topic bank-transactions -KeySeparator '=' -Verbose

# Each its own table: Out-Default formats one kind of object at a time.
Receive-FluvioRecord -Topic bank-transactions -Tail 3 | Out-Default
Get-FluvioPartition -Topic bank-transactions | Out-Default
