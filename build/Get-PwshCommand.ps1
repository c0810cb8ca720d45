# The pwsh running this script, as a command and its first arguments, to start a child pwsh of
# the same install. Installed as a .NET tool, pwsh runs inside the dotnet host: the process is
# dotnet, and pwsh.dll beside $PSHOME is PowerShell itself.
function Get-PwshCommand {
    $process = [Environment]::ProcessPath
    if ([IO.Path]::GetFileNameWithoutExtension($process) -eq 'dotnet') {
        return $process, (Join-Path $PSHOME 'pwsh.dll')
    }
    return , $process
}
