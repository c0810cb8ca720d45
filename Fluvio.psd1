@{
    RootModule           = 'Fluvio.PowerShell.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '5f0b8c1e-6a53-4f63-9d2c-2f6a9b0d7c41'
    Author               = 'Fluvio for PowerShell contributors'
    CompanyName          = 'Fluvio for PowerShell'
    Copyright            = '(c) Fluvio for PowerShell contributors. Apache-2.0.'
    Description          = 'Move keyed records in and out of Fluvio streams from PowerShell: Send-FluvioRecord, Receive-FluvioRecord, topic, partition and consumer admin, and an embedded local cluster.'
    CompatiblePSEditions = @('Core')
    PowerShellVersion    = '7.4'
    FormatsToProcess     = @('Fluvio.Format.ps1xml')
    CmdletsToExport      = @(
        'Send-FluvioRecord'
        'Receive-FluvioRecord'
        'New-FluvioTopic'
        'Get-FluvioTopic'
        'Remove-FluvioTopic'
        'Get-FluvioPartition'
        'Add-FluvioPartition'
        'Get-FluvioCluster'
        'Export-FluvioTopic'
        'Import-FluvioTopic'
        'Get-FluvioConsumer'
        'Remove-FluvioConsumer'
        'Wait-FluvioConsumer'
        'Connect-Fluvio'
        'Get-FluvioProfile'
        'Start-FluvioLocalCluster'
        'Stop-FluvioLocalCluster'
        'Get-FluvioLocalCluster'
        'New-FluvioSmartModule'
        'Get-FluvioSmartModule'
        'Remove-FluvioSmartModule'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('Fluvio', 'Streaming', 'Kafka', 'Records', 'EventStreaming', 'PSEdition_Core', 'Linux', 'Windows', 'MacOS')
            ProjectUri   = 'https://github.com/fluvio-powershell/fluvio-powershell'
            LicenseUri   = 'https://www.apache.org/licenses/LICENSE-2.0'
            ReleaseNotes = 'First release: keyed records with Fluvio partitioning, topics, partitions, local cluster.'
        }
    }
}
