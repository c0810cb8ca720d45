namespace Fluvio.Client;

/// <summary>Where an acknowledged record was stored.</summary>
public readonly record struct RecordMetadata(int Partition, long Offset);
