# The seed walkthrough: keyed records in, the same records out, same key on the same partition.
$ErrorActionPreference = 'Stop'

$cluster = Start-FluvioLocalCluster
"Local cluster: $($cluster.Endpoint) (data in $($cluster.DataDirectory))"

if (-not (Get-FluvioTopic -Name bank-transactions -ErrorAction SilentlyContinue)) {
    New-FluvioTopic -Name bank-transactions -Partitions 3
}

# data.txt as the user writes it: key=value, one record per line.
$data = [IO.Path]::Combine([IO.Path]::GetTempPath(), 'fluvio-seed-data.txt')
[IO.File]::WriteAllLines($data, [string[]]@('alice=Deposit 100.00', 'bob=Withdraw 50.00', 'bob=Withdraw 25.00'))

# With pwsh: Get-Content $data | Send-FluvioRecord -Topic bank-transactions -KeySeparator '=' -Verbose
[IO.File]::ReadAllLines($data) | Send-FluvioRecord -Topic bank-transactions -KeySeparator '=' -Verbose

# Each its own table: Out-Default formats one kind of object at a time.
Receive-FluvioRecord -Topic bank-transactions -Tail 3 | Out-Default
Get-FluvioPartition -Topic bank-transactions | Out-Default
