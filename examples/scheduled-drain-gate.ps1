# Runs a job only once a consumer has read its whole topic: for cron, Task Scheduler or a CI job.
param(
    [string] $Consumer = 'billing',
    [string] $Topic = 'bank-transactions',
    [timespan] $Timeout = '00:10:00'
)
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'

try {
    # Returns once the consumer's lag is 0; after -Timeout it fails with id ConsumerLagTimeout.
    Wait-FluvioConsumer -Consumer $Consumer -Topic $Topic -Timeout $Timeout
}
catch {
    [Console]::Error.WriteLine("Not drained: $($_.FullyQualifiedErrorId): $_")
    exit 1
}
# The queue is drained: the job that needs it so runs here.
"Consumer '$Consumer' has read every record of '$Topic'."
