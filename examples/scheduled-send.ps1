# Sends host=message lines from a spool folder: for cron, Task Scheduler or a CI job.
param(
    [string] $Spool = '/var/spool/app',
    [string] $Topic = 'app-events'
)
$ErrorActionPreference = 'Stop'          # any failure ends the script with a non-zero exit
$ProgressPreference = 'SilentlyContinue'

try {
    # A line without '=' is reported by id KeySeparatorNotFound and, with Stop, ends the run.
    Send-FluvioRecord -Topic $Topic -Path (Join-Path $Spool '*.txt') -KeySeparator '='
}
catch {
    # Write-Error would throw again under Stop: write the reason to stderr, then leave with 1.
    [Console]::Error.WriteLine("Sending failed: $($_.FullyQualifiedErrorId): $_")
    exit 1
}
