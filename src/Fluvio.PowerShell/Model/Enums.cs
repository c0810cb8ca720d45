namespace Fluvio.PowerShell;

/// <summary>How a producer compresses its batches.</summary>
public enum FluvioCompression
{
    None,
    Gzip,
    Snappy,
    Lz4,
    Zstd,
}

/// <summary>A topic's compression: Any lets each producer choose.</summary>
public enum FluvioTopicCompression
{
    Any,
    None,
    Gzip,
    Snappy,
    Lz4,
    Zstd,
}

/// <summary>At-most-once never resends; at-least-once resends after a broken connection.</summary>
public enum FluvioDeliverySemantic
{
    AtMostOnce,
    AtLeastOnce,
}

/// <summary>A Fluvio profile's TLS: none, encryption without checking the broker, or a checked broker and a client certificate.</summary>
public enum FluvioTlsPolicy
{
    Disabled,
    Anonymous,
    Verified,
}

/// <summary>Which records a reader sees: only those the cluster has replicated, or all up to the leader's log end.</summary>
public enum FluvioIsolation
{
    ReadCommitted,
    ReadUncommitted,
}
