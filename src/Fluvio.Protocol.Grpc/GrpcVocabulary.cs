namespace Fluvio.Protocol.Grpc;

/// <summary>
/// The gRPC contract's enums read as the shared vocabulary and back: the one mapping for this
/// wire format (the native one is in Fluvio.Protocol.Native). Both ends of the contract use it.
/// </summary>
public static class GrpcVocabulary
{
    public static TopicCompression ToTopicCompression(this CompressionType type) => type switch
    {
        CompressionType.None => TopicCompression.None,
        CompressionType.Gzip => TopicCompression.Gzip,
        CompressionType.Snappy => TopicCompression.Snappy,
        CompressionType.Lz4 => TopicCompression.Lz4,
        CompressionType.Zstd => TopicCompression.Zstd,
        _ => TopicCompression.Any,
    };

    public static CompressionType ToGrpc(this TopicCompression compression) => compression switch
    {
        TopicCompression.None => CompressionType.None,
        TopicCompression.Gzip => CompressionType.Gzip,
        TopicCompression.Snappy => CompressionType.Snappy,
        TopicCompression.Lz4 => CompressionType.Lz4,
        TopicCompression.Zstd => CompressionType.Zstd,
        _ => CompressionType.Any,
    };

    /// <summary>The kind a broker reason names; <see cref="FluvioErrorCode.Unknown"/> for Unspecified or a reason newer than this client.</summary>
    public static FluvioErrorCode ToErrorCode(this ErrorReason reason) => reason switch
    {
        ErrorReason.TopicNotFound => FluvioErrorCode.TopicNotFound,
        ErrorReason.TopicExists => FluvioErrorCode.TopicExists,
        ErrorReason.InvalidTopicName => FluvioErrorCode.InvalidTopicName,
        ErrorReason.PartitionNotFound => FluvioErrorCode.PartitionNotFound,
        ErrorReason.RecordTooLarge => FluvioErrorCode.RecordTooLarge,
        ErrorReason.InvalidBatch => FluvioErrorCode.InvalidBatch,
        ErrorReason.OffsetOutOfRange => FluvioErrorCode.OffsetOutOfRange,
        ErrorReason.InvalidArgument => FluvioErrorCode.InvalidArgument,
        ErrorReason.ConsumerOffsetNotFound => FluvioErrorCode.ConsumerOffsetNotFound,
        ErrorReason.StorageFailure => FluvioErrorCode.StorageFailure,
        ErrorReason.CompressionMismatch => FluvioErrorCode.CompressionMismatch,
        ErrorReason.SmartModuleFailed => FluvioErrorCode.SmartModuleFailed,
        ErrorReason.SmartModuleNotFound => FluvioErrorCode.SmartModuleNotFound,
        _ => FluvioErrorCode.Unknown,
    };

    /// <summary>The reason a broker reports for a kind; the client's own kinds have none (Unspecified, read back as Unknown).</summary>
    public static ErrorReason ToReason(this FluvioErrorCode code) => code switch
    {
        FluvioErrorCode.TopicNotFound => ErrorReason.TopicNotFound,
        FluvioErrorCode.TopicExists => ErrorReason.TopicExists,
        FluvioErrorCode.InvalidTopicName => ErrorReason.InvalidTopicName,
        FluvioErrorCode.PartitionNotFound => ErrorReason.PartitionNotFound,
        FluvioErrorCode.RecordTooLarge => ErrorReason.RecordTooLarge,
        FluvioErrorCode.InvalidBatch => ErrorReason.InvalidBatch,
        FluvioErrorCode.OffsetOutOfRange => ErrorReason.OffsetOutOfRange,
        FluvioErrorCode.InvalidArgument => ErrorReason.InvalidArgument,
        FluvioErrorCode.ConsumerOffsetNotFound => ErrorReason.ConsumerOffsetNotFound,
        FluvioErrorCode.CompressionMismatch => ErrorReason.CompressionMismatch,
        FluvioErrorCode.StorageFailure => ErrorReason.StorageFailure,
        FluvioErrorCode.SmartModuleFailed => ErrorReason.SmartModuleFailed,
        FluvioErrorCode.SmartModuleNotFound => ErrorReason.SmartModuleNotFound,
        _ => ErrorReason.Unspecified,
    };
}
