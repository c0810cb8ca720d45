namespace Fluvio;

/// <summary>
/// What went wrong, as a stable id scripts can branch on: the one list of error kinds, shared by
/// storage (which raises the first group), both broker doors and the client. Each wire format has
/// exactly one mapping to it: the native error codes in <c>Native/NativeErrorKinds</c>, the gRPC
/// reasons in Fluvio.Protocol.Grpc. The broker's kinds come first and keep their names (the gRPC
/// trailer carries them); the rest are the client's own.
/// </summary>
public enum FluvioErrorCode
{
    TopicNotFound,
    TopicExists,
    InvalidTopicName,
    PartitionNotFound,
    RecordTooLarge,
    InvalidBatch,
    OffsetOutOfRange,
    InvalidArgument,
    ConsumerOffsetNotFound,
    StorageFailure,
    ConnectionFailed,
    Timeout,

    /// <summary>A batch's codec differs from the one its topic fixes (Fluvio's CompressionError).</summary>
    CompressionMismatch,
    ProducerClosed,
    Unknown,

    /// <summary>The local cluster cannot start: the runtime or the broker it needs is missing.</summary>
    BrokerRuntimeMissing,

    /// <summary>The broker requires a token (FluvioClientOptions.Token) and none, or a wrong one, was sent.</summary>
    Unauthenticated,

    /// <summary>The local cluster cannot start: a port it was asked to listen on is held by another program.</summary>
    PortInUse,

    /// <summary>A Fluvio profile (~/.fluvio/config or $FLV_PROFILE_PATH) was asked for by name and is not in the file, or there is no file.</summary>
    ProfileNotFound,

    /// <summary>A SmartModule of a read or write failed: it trapped, ran out of fuel or memory, was not a valid module, or refused its parameters.</summary>
    SmartModuleFailed,

    /// <summary>A SmartModule was named that the cluster does not hold.</summary>
    SmartModuleNotFound,
}
