# Runs a child pwsh of the same install as the one running this script (-NoProfile,
# -NonInteractive, then $Arguments), with the variables in $Environment set for the child alone.
# Installed as a .NET tool, pwsh runs inside the dotnet host: the process is dotnet, and pwsh.dll
# beside $PSHOME is PowerShell itself. Redirect its streams at the call (2> file, 2>&1);
# $LASTEXITCODE is the child's.
function Invoke-Pwsh([string[]] $Arguments, [hashtable] $Environment = @{}) {
    $process = [Environment]::ProcessPath
    $pwshDll = @()
    if ([IO.Path]::GetFileNameWithoutExtension($process) -eq 'dotnet') {
        $pwshDll += Join-Path $PSHOME 'pwsh.dll'
    }
    $saved = @{}
    foreach ($name in $Environment.Keys) {
        $saved[$name] = [Environment]::GetEnvironmentVariable($name)
        [Environment]::SetEnvironmentVariable($name, $Environment[$name])
    }
    try {
        & $process @pwshDll -NoProfile -NonInteractive @Arguments
    }
    finally {
        foreach ($name in $saved.Keys) {
            [Environment]::SetEnvironmentVariable($name, $saved[$name])
        }
    }
}
