using System.Collections.Concurrent;

namespace Fluvio.Reliability.Tests;

/// <summary>One record the broker acknowledged: where it said the record is, and what it was.</summary>
public readonly record struct Acked(string Topic, int Partition, long Offset, Stamp Stamp);

/// <summary>What the producers were told is stored: the promise the verifier holds the broker to.</summary>
public sealed class AckLedger
{
    private readonly ConcurrentQueue<Acked> _acked = new();

    public void Add(Acked acked) => _acked.Enqueue(acked);

    public int Count => _acked.Count;

    public IReadOnlyList<Acked> All => [.. _acked];
}
