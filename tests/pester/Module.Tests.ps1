#Requires -Version 7.4
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
<#
    The module as users get it: a valid manifest, the twenty-one cmdlets, and help for each of them
    (generated at build time from docs/help/*.md by tools/Fluvio.HelpBuilder).
#>

BeforeDiscovery {
    $script:cmdlets = @(
        'Send-FluvioRecord', 'Receive-FluvioRecord', 'New-FluvioTopic', 'Get-FluvioTopic', 'Remove-FluvioTopic',
        'Get-FluvioPartition', 'Add-FluvioPartition', 'Get-FluvioCluster', 'Export-FluvioTopic', 'Import-FluvioTopic', 'Get-FluvioConsumer', 'Remove-FluvioConsumer', 'Wait-FluvioConsumer',
        'Connect-Fluvio', 'Get-FluvioProfile', 'Start-FluvioLocalCluster', 'Stop-FluvioLocalCluster', 'Get-FluvioLocalCluster',
        'New-FluvioSmartModule', 'Get-FluvioSmartModule', 'Remove-FluvioSmartModule'
    )
}

BeforeAll {
    $script:manifestPath = Join-Path (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path 'out/Fluvio/Fluvio.psd1'
    Import-Module $manifestPath -Force -ErrorAction Stop
}

Describe 'The module manifest' -ForEach @{ Cmdlets = $cmdlets } {
    It 'is valid and exports the twenty-one cmdlets' {
        $manifest = Test-ModuleManifest -Path $manifestPath -ErrorAction Stop
        $manifest.Name | Should -Be 'Fluvio'
        $manifest.ExportedCmdlets.Keys | Sort-Object | Should -Be ($cmdlets | Sort-Object)
        (Get-Command -Module Fluvio).Name | Sort-Object | Should -Be ($cmdlets | Sort-Object)
    }
}

Describe 'Help for <_>' -ForEach $cmdlets {
    BeforeAll {
        $cmdlet = $_
        $help = Get-Help $cmdlet -Full
    }

    It 'comes from the MAML file, with a synopsis and a description' {
        $help.Category | Should -Be 'Cmdlet'
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -Match '<CommonParameters>' # Get-Help shows the syntax there when a command has no help
        $help.description.Text | Should -Not -BeNullOrEmpty
    }

    It 'has at least one example with code' {
        @($help.examples.example).Count | Should -BeGreaterThan 0
        @($help.examples.example)[0].code | Should -Not -BeNullOrEmpty
    }

    It 'opens its page in docs/help with Get-Help -Online' {
        (Get-Command $cmdlet).HelpUri | Should -Be "https://github.com/fluvio-powershell/fluvio-powershell/blob/main/docs/help/$cmdlet.md"
    }

    It 'describes every parameter' {
        $command = Get-Command $cmdlet
        $common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
        # Parameters marked DontShow are kept for old scripts and left out of the help on purpose.
        $hidden = $command.Parameters.Values | Where-Object { $_.Attributes | Where-Object { $_ -is [Parameter] -and $_.DontShow } } | ForEach-Object Name
        foreach ($name in $command.Parameters.Keys | Where-Object { $_ -notin $common -and $_ -notin $hidden }) {
            $parameter = @($help.parameters.parameter) | Where-Object name -eq $name
            $parameter | Should -Not -BeNullOrEmpty -Because "-$name is a parameter of $cmdlet"
            $parameter.description.Text | Should -Not -BeNullOrEmpty -Because "-$name needs a description"
        }
    }
}

Describe 'Parameter defaults in the help' {
    It 'shows the default of a parameter that has one, and none where there is none' {
        (Get-Help Start-FluvioLocalCluster -Parameter Port).defaultValue | Should -Be '9009'
        (Get-Help Start-FluvioLocalCluster -Parameter ScPort).defaultValue | Should -Be '9003'
        (Get-Help New-FluvioTopic -Parameter RetentionTime).defaultValue | Should -Be '7 days'
        (Get-Help Send-FluvioRecord -Parameter BatchSize).defaultValue | Should -Be '16384'
        (Get-Help Send-FluvioRecord -Parameter Topic).defaultValue | Should -BeNullOrEmpty
        (Get-Help Wait-FluvioConsumer -Parameter MaxLag).defaultValue | Should -Be '0'
        (Get-Help Wait-FluvioConsumer -Parameter Timeout).defaultValue | Should -Be 'no limit'
    }
}

Describe 'about_Fluvio' {
    It 'is found by Get-Help' {
        Get-Help about_Fluvio | Out-String | Should -BeLike '*SHORT DESCRIPTION*'
    }
}
