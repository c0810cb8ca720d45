using Fluvio.Protocol.Records;

namespace Fluvio.Client;

/// <summary>
/// Records of one partition that arrived together (one broker response), in offset order. Each
/// record is a struct whose key and value are slices of the received bytes: reading a batch
/// allocates no object per record, where <see cref="ConsumerRecord"/> is one.
/// </summary>
public sealed class ConsumerRecordBatch
{
    internal ConsumerRecordBatch(string topic, int partition, List<BatchRecord> records)
    {
        Topic = topic;
        Partition = partition;
        Records = records;
    }

    public string Topic { get; }

    public int Partition { get; }

    /// <summary>Offset, timestamp (milliseconds since the Unix epoch, −1 when none), key and value of each record.</summary>
    public IReadOnlyList<BatchRecord> Records { get; }
}
