#Requires -Version 7.4
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
<#
    The package users install: out/packages/Fluvio.<version>.nupkg, written by
    `./build.ps1 -Task Package` (the Test task writes it first). Installed with PSResourceGet from
    a local file repository into an empty module path, then used from a new pwsh by name alone.
#>

BeforeAll {
    $repoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    . (Join-Path $repoRoot 'build/Invoke-Pwsh.ps1')
    $version = (Import-PowerShellDataFile (Join-Path $repoRoot 'Fluvio.psd1')).ModuleVersion
    $script:package = Join-Path $repoRoot "out/packages/Fluvio.$version.nupkg"
    if (-not (Test-Path $package)) {
        throw "No package at ${package}: run ./build.ps1 -Task Package first."
    }

    # A repository of one file, registered only while the package is saved from it.
    $script:modules = Join-Path $TestDrive 'modules'
    $repository = "FluvioPackageTest-$PID"
    Register-PSResourceRepository -Name $repository -Uri (Split-Path $package) -Trusted
    try {
        Save-PSResource -Name Fluvio -Version $version -Repository $repository -Path (New-Item -ItemType Directory $modules) -TrustRepository -SkipDependencyCheck
    }
    finally {
        Unregister-PSResourceRepository -Name $repository
    }

    # A new pwsh whose module path holds only the installed package (and pwsh's own modules).
    function script:Invoke-InstalledModule([string] $Script) {
        $environment = @{
            PSModulePath = $modules + [IO.Path]::PathSeparator + (Join-Path $PSHOME 'Modules')
            FLUVIO_POWERSHELL_HOME = Join-Path $TestDrive "home-$([guid]::NewGuid().ToString('n'))"
        }
        $output = Invoke-Pwsh -Arguments '-Command', $Script -Environment $environment 2>&1
        [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = @($output | ForEach-Object { "$_" }) }
    }
}

Describe 'The module package' {
    It 'installs as Fluvio <version> with the module files at its root' {
        $installed = Get-ChildItem (Join-Path $modules "Fluvio/$version")
        $installed.Name | Should -Contain 'Fluvio.psd1'
        $installed.Name | Should -Contain 'Fluvio.PowerShell.dll'
        $installed.Name | Should -Contain 'Fluvio.Format.ps1xml'
        $installed.Name | Should -Contain 'broker'
        Write-Host "Package: $([math]::Round((Get-Item $package).Length / 1MB, 1)) MB ($((Get-Item $package).Length) bytes)"
    }

    It 'imports by name, with a valid manifest, its cmdlets, help and table views' {
        $run = Invoke-InstalledModule @'
$ErrorActionPreference = 'Stop'
Import-Module Fluvio
$module = Get-Module Fluvio
"path=$($module.ModuleBase)"
"manifest=$((Test-ModuleManifest (Join-Path $module.ModuleBase 'Fluvio.psd1')).Version)"
"commands=$((Get-Command -Module Fluvio).Count)"
"help=$((Get-Help Send-FluvioRecord).Synopsis)"
"format=$((Get-FormatData -TypeName Fluvio.PowerShell.FluvioRecord).TypeNames)"
'@
        $run.ExitCode | Should -Be 0 -Because ($run.Output -join "`n")
        $run.Output | Should -Contain "path=$(Join-Path $modules "Fluvio/$version")"
        $run.Output | Should -Contain "manifest=$version"
        $run.Output | Should -Contain 'commands=21'
        ($run.Output | Where-Object { $_ -like 'help=*' }) | Should -Not -Be 'help='
        $run.Output | Should -Contain 'format=Fluvio.PowerShell.FluvioRecord'
    }

    It 'runs the seed walkthrough on a local cluster of its own, without an error record' {
        $walkthrough = Join-Path $repoRoot 'examples/seed-walkthrough.ps1'
        $run = Invoke-InstalledModule "& '$walkthrough'; Receive-FluvioRecord -Topic bank-transactions | ForEach-Object { '{0}/{1}/{2}/{3}' -f `$_.Key, `$_.Partition, `$_.Offset, `$_.Value }; Stop-FluvioLocalCluster -Confirm:`$false; 'errors=' + @(`$Error | Where-Object FullyQualifiedErrorId -NotLike 'PortInUse,*').Count"

        $run.ExitCode | Should -Be 0 -Because ($run.Output -join "`n")
        $run.Output | Should -Contain 'alice/2/0/Deposit 100.00'
        $run.Output | Should -Contain 'bob/1/0/Withdraw 50.00'
        $run.Output | Should -Contain 'bob/1/1/Withdraw 25.00'
        # Not even a silenced one (a host or a scheduler may count any error record as a failure),
        # but for the taken default port the walkthrough catches on purpose.
        $run.Output | Should -Contain 'errors=0'
    }
}
