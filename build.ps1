#Requires -Version 7.4
<#
.SYNOPSIS
    Builds, tests, packages or demonstrates the Fluvio module on a machine with pwsh.

.DESCRIPTION
    A thin wrapper: everything that shapes the module (the layout of out/Fluvio, the broker, the
    MAML help generated from docs/help) is done by `dotnet publish`, so machines without pwsh
    (CI) build the very same module. This script only calls dotnet, Pester and the example.

      Build    dotnet publish src/Fluvio.PowerShell -c <Configuration> -o out/Fluvio
      Test     Package (this machine's standalone broker), dotnet test Fluvio.PowerShell.sln, then
               Invoke-Pester tests/pester (Pester 5 from PSModulePath, else the NuGet package
               restored by build/pester)
      Package  Build with every platform's standalone broker, then out/Fluvio.<version>.zip and
               out/packages/Fluvio.<version>.nupkg (Install-PSResource / Save-PSResource install it)
      Demo     Build, then examples/seed-walkthrough.ps1 in a child pwsh with the module imported

.EXAMPLE
    ./build.ps1 -Task Test -Configuration Debug
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Package', 'Demo')]
    [string] $Task = 'Build',

    [string] $Configuration = 'Release',

    # Which standalone brokers (needing no .NET) the module folder gets: RIDs ('linux-x64;win-x64'),
    # 'current' or 'all'. By default Build has none (the portable broker only, the fast loop),
    # Test this machine's (the package it installs starts it), Package all five platforms.
    [string] $BrokerRuntimes
)

$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'

$moduleDir = Join-Path $PSScriptRoot 'out/Fluvio'
# The standalone brokers this task builds, when -BrokerRuntimes does not say.
$brokers = if ($BrokerRuntimes) { $BrokerRuntimes } else { @{ Build = ''; Demo = ''; Test = 'current'; Package = 'all' }[$Task] }
$manifest = Join-Path $moduleDir 'Fluvio.psd1'

# Every dotnet call goes through here: a failing native command does not throw by itself.
function Invoke-Dotnet {
    & dotnet @args
    if ($LASTEXITCODE -ne 0) {
        throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE."
    }
}

function Invoke-ModuleBuild([string] $Runtimes) {
    $standalone = @()
    if ($Runtimes) {
        # MSBuild reads a bare ';' on the command line as the start of another property: escape it.
        $standalone += "-p:FluvioBrokerRuntimes=$($Runtimes -replace ';', '%3B')"
    }
    Invoke-Dotnet publish (Join-Path $PSScriptRoot 'src/Fluvio.PowerShell') -c $Configuration -o $moduleDir @standalone
}

# Pester 5 from PSModulePath (Install-PSResource Pester), else the NuGet package that
# build/pester restores: its module sits in the package's tools/ folder.
function Import-Pester {
    $installed = Get-Module -ListAvailable -Name Pester | Where-Object Version -ge ([version] '5.0.0') |
        Sort-Object Version -Descending | Select-Object -First 1
    if ($installed) {
        Import-Module $installed -Force
        return
    }
    Invoke-Dotnet restore (Join-Path $PSScriptRoot 'build/pester') --verbosity quiet
    $packages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages' }
    $pesterManifest = Join-Path $packages 'pester/5.9.1/tools/Pester.psd1'
    if (-not (Test-Path $pesterManifest)) {
        throw "Pester 5 is neither installed nor restored to $pesterManifest (Install-PSResource Pester)."
    }
    Import-Module $pesterManifest -Force
}

function Invoke-Tests {
    # The package too (with this machine's standalone broker by default): tests/pester installs it as users do.
    Invoke-Package
    Invoke-Dotnet test (Join-Path $PSScriptRoot 'Fluvio.PowerShell.sln') -c $Configuration

    Import-Pester
    $result = Invoke-Pester -Path (Join-Path $PSScriptRoot 'tests/pester') -Output Detailed -PassThru
    # One line CI can read, in the form every runner's closing line takes.
    Write-Host "Pester: $($result.PassedCount) passed, $($result.FailedCount + $result.FailedContainersCount) failed"
    if ($result.FailedCount -gt 0 -or $result.Result -ne 'Passed') {
        throw "Pester: $($result.FailedCount) test(s) failed."
    }
}

function Invoke-Package {
    Invoke-ModuleBuild $brokers
    $version = (Import-PowerShellDataFile $manifest).ModuleVersion
    $zip = Join-Path $PSScriptRoot "out/Fluvio.$version.zip"
    Compress-Archive -Path (Join-Path $moduleDir '*') -DestinationPath $zip -Force
    Write-Host "Package: $zip"

    if (-not (Get-Command Publish-PSResource -ErrorAction SilentlyContinue)) {
        Write-Warning 'PSResourceGet is not installed: no .nupkg (the .zip is complete).'
        return
    }
    # Publish-PSResource writes a .nupkg into a repository; a temporary folder repository makes it a file.
    $packages = New-Item -ItemType Directory -Force -Path (Join-Path $PSScriptRoot 'out/packages')
    $repository = "FluvioBuild-$PID"
    Register-PSResourceRepository -Name $repository -Uri $packages.FullName -Trusted
    try {
        Publish-PSResource -Path $moduleDir -Repository $repository
        Write-Host "Package: $(Join-Path $packages.FullName "Fluvio.$version.nupkg")"
    }
    finally {
        Unregister-PSResourceRepository -Name $repository
    }
}

. (Join-Path $PSScriptRoot 'build/Invoke-Pwsh.ps1')

function Invoke-Demo {
    Invoke-ModuleBuild $brokers
    $walkthrough = Join-Path $PSScriptRoot 'examples/seed-walkthrough.ps1'
    # A child process: the demo imports the freshly built module, not whatever this session has loaded.
    $command = "`$ErrorActionPreference = 'Stop'; Import-Module '$($manifest -replace "'", "''")'; & '$($walkthrough -replace "'", "''")'"
    Invoke-Pwsh -Arguments '-Command', $command
    if ($LASTEXITCODE -ne 0) {
        throw "The demo failed with exit code $LASTEXITCODE."
    }
}

switch ($Task) {
    'Build' { Invoke-ModuleBuild $brokers }
    'Test' { Invoke-Tests }
    'Package' { Invoke-Package }
    'Demo' { Invoke-Demo }
}
