namespace Fluvio.PowerShell.Tests;

/// <summary>
/// Sets environment variables until disposed, then puts back what was there. The module reads
/// them at each call, and this project's tests run one at a time (one collection), so a test may
/// change them for its own run.
/// </summary>
internal sealed class TemporaryEnvironment : IDisposable
{
    private readonly List<(string Name, string? Value)> _previous = [];

    public TemporaryEnvironment(params (string Name, string? Value)[] variables)
    {
        foreach (var (name, value) in variables)
        {
            _previous.Add((name, Environment.GetEnvironmentVariable(name)));
            Environment.SetEnvironmentVariable(name, value);
        }
    }

    public void Dispose()
    {
        foreach (var (name, value) in _previous)
        {
            Environment.SetEnvironmentVariable(name, value);
        }
    }
}
