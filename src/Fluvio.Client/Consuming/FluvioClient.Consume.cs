using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Fluvio.Client;

/// <summary>Consumers.</summary>
public sealed partial class FluvioClient
{
    /// <summary>
    /// Reads records from <paramref name="topic"/>: one stream per partition; several partitions
    /// are merged (order is kept within each partition, not across). Without
    /// <see cref="ConsumerOptions.Continuous"/> each partition stops at the end it had when its
    /// stream began. Cancelling (or leaving the loop) ends every stream.
    /// </summary>
    public async IAsyncEnumerable<ConsumerRecord> ConsumeAsync(string topic, ConsumerOptions options, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await foreach (var batch in ConsumeBatchesAsync(topic, options, ct).ConfigureAwait(false))
        {
            foreach (var r in batch.Records)
            {
                yield return new ConsumerRecord(batch.Topic, batch.Partition, r.Offset, r.Timestamp, r.HasKey, r.Key, r.Value);
            }
        }
    }

    /// <summary>
    /// What <see cref="ConsumeAsync"/> reads, a batch at a time (the records of one broker
    /// response): the same partitions, order, stops and errors, without an object per record.
    /// A batch's keys and values stay valid after the loop moves on.
    /// </summary>
    public async IAsyncEnumerable<ConsumerRecordBatch> ConsumeBatchesAsync(string topic, ConsumerOptions options, [EnumeratorCancellation] CancellationToken ct = default)
    {
        RequireName(topic, "Topic name");
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        ThrowIfDisposed();
        var partitions = options.Partitions
            ?? Enumerable.Range(0, (await DescribeTopicAsync(topic, ct).ConfigureAwait(false)).Partitions).ToArray();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var merged = Channel.CreateBounded<ConsumerRecordBatch>(new BoundedChannelOptions(Math.Max(4, 2 * partitions.Count)) { SingleReader = true });
        int running = partitions.Count;
        var pumps = partitions.Select(p => PumpAsync(p)).ToArray();
        try
        {
            while (await merged.Reader.WaitToReadAsync(ct).ConfigureAwait(false))
            {
                while (merged.Reader.TryRead(out var batch))
                {
                    yield return batch;
                }
            }
        }
        finally
        {
            cts.Cancel();
            await Task.WhenAll(pumps).ConfigureAwait(false);
        }

        async Task PumpAsync(int partition)
        {
            try
            {
                await foreach (var batch in PartitionReader.ReadAsync(this, topic, partition, options, cts.Token).ConfigureAwait(false))
                {
                    await merged.Writer.WriteAsync(batch, cts.Token).ConfigureAwait(false);
                }
                if (Interlocked.Decrement(ref running) == 0)
                {
                    merged.Writer.TryComplete();
                }
            }
            catch (OperationCanceledException) when (cts.IsCancellationRequested)
            {
                merged.Writer.TryComplete(ct.IsCancellationRequested ? new OperationCanceledException(ct) : null);
            }
            catch (Exception e)
            {
                merged.Writer.TryComplete(e);
                cts.Cancel();
            }
        }
    }
}
