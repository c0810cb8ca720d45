// The whole of a pwsh: the console host of the PowerShell SDK, as pwsh's own Main starts it.
return Microsoft.PowerShell.ConsoleShell.Start(bannerText: null, helpText: null, args);
