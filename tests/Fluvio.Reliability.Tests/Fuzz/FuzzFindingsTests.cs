using System.Buffers.Binary;
using Fluvio.Protocol.Records;
using Fluvio.Storage;

namespace Fluvio.Reliability.Tests.Fuzz;

/// <summary>What the fuzzers found, kept as plain regression tests.</summary>
public sealed class FuzzFindingsTests
{
    /// <summary>
    /// Found by <see cref="BrokerProduceFuzzTests"/>: a batch with a valid CRC and
    /// last_offset_delta = int.MaxValue overflowed the record count, moving the partition's end
    /// offset backwards behind the batches it had stored. Such a count is now refused.
    /// </summary>
    [Theory(Timeout = 30_000)]
    [InlineData(int.MaxValue)]
    [InlineData(1_000_000)]
    public async Task A_batch_claiming_more_records_than_it_can_hold_is_InvalidBatch(int lastOffsetDelta)
    {
        await using var store = InProcessStore.Open();
        var log = store.CreateTopic("t");
        byte[] batch = InProcessStore.Batch(1, 0, 2).ToArray();
        BinaryPrimitives.WriteInt32BigEndian(batch.AsSpan(BatchLayout.LastOffsetDelta), lastOffsetDelta);
        BinaryPrimitives.WriteUInt32BigEndian(batch.AsSpan(BatchLayout.Crc), BatchCrc.Compute(batch));

        var refused = await Assert.ThrowsAsync<StorageException>(async () => await log.AppendAsync(batch));
        Assert.Equal(FluvioErrorCode.InvalidBatch, refused.Error);
        Assert.Contains("records, more than", refused.Message);
        Assert.Equal(0, log.EndOffset);
        Assert.Equal(0L, (await log.AppendAsync(InProcessStore.Batch(1, 0, 2))).Single());
        Assert.Equal(2, log.EndOffset);
    }
}
