namespace Fluvio.Client;

/// <summary>Which records a consumer may see (the native StreamFetch isolation).</summary>
public enum ReadIsolation
{
    /// <summary>Records up to the leader's log end, replicated or not.</summary>
    ReadUncommitted = 0,

    /// <summary>Only records up to the high watermark (committed: replicated as the topic asks).</summary>
    ReadCommitted = 1,
}
