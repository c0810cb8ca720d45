using Fluvio.Protocol.Compression;

namespace Fluvio.Client;

/// <summary>Producers.</summary>
public sealed partial class FluvioClient
{
    /// <summary>
    /// A producer for <paramref name="topic"/>. Describes the topic first, so a missing topic fails
    /// here (<see cref="FluvioErrorCode.TopicNotFound"/>), and learns its partition count and
    /// compression. A producer codec that contradicts the topic's fails with
    /// <see cref="FluvioErrorCode.CompressionMismatch"/>.
    /// </summary>
    public async Task<TopicProducer> CreateProducerAsync(string topic, ProducerOptions? options = null, CancellationToken ct = default)
    {
        RequireName(topic, "Topic name");
        options ??= new ProducerOptions();
        options.Validate();
        var info = await DescribeTopicAsync(topic, ct).ConfigureAwait(false);
        if (info.Partitions < 1)
        {
            throw new FluvioException(FluvioErrorCode.PartitionNotFound, $"Topic '{topic}' has no partitions.");
        }
        var codec = ResolveCodec(options.Compression, info.Compression);
        var producer = new TopicProducer(info.Name, info.Partitions, codec, options, () => _transport.OpenProduceLink(info.Name, options.SmartModules), Errors, Options.MaxMessageBytes, this);
        Track(producer);
        return producer;
    }

    /// <summary>The producer's codec: the one asked for, else the topic's fixed one, else none.</summary>
    internal static CompressionCodec ResolveCodec(CompressionCodec? requested, TopicCompression topic)
    {
        var fixedCodec = topic.FixedCodec();
        if (requested is not { } codec)
        {
            return fixedCodec ?? CompressionCodec.None;
        }
        if (fixedCodec is { } required && required != codec)
        {
            throw new FluvioException(FluvioErrorCode.CompressionMismatch,
                $"Compression in the producer ({Name(codec)}) does not match with topic level compression ({Name(required)}).");
        }
        return codec;
    }

    private static string Name(CompressionCodec codec) => codec.ToString().ToLowerInvariant();
}
