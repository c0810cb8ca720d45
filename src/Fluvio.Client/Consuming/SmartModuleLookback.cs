namespace Fluvio.Client;

/// <summary>
/// The records a SmartModule reads before its stream starts (its look_back export), as a step of
/// the CLI's transforms file gives them: the last <see cref="Last"/> records of the partition,
/// only those younger than <see cref="Age"/> when an age is given. Fluvio's Lookback { last, age }.
/// </summary>
public sealed record SmartModuleLookback(ulong Last, TimeSpan? Age = null)
{
    internal void Validate() =>
        FluvioClientOptions.Require(Age is null || Age.Value >= TimeSpan.Zero, nameof(Age), "cannot be negative");
}
