namespace Fluvio.Protocol.Records;

/// <summary>CRC-32C (Castagnoli) over a batch from its attributes to its end (wire protocol §6.2).</summary>
public static class BatchCrc
{
    /// <summary>The CRC a batch should carry; <paramref name="batch"/> is the whole batch.</summary>
    public static uint Compute(ReadOnlySpan<byte> batch) =>
        Crc32C.Compute(batch[BatchLayout.Attributes..]);
}
