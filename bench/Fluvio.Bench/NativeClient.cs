using Fluvio.Client;

namespace Fluvio.Bench;

/// <summary>
/// Our client over Fluvio's native protocol (fluvio://, the broker's SC port), or why there is
/// none: a client library without the native transport refuses the scheme with InvalidArgument,
/// and the native cases are then reported as not available instead of failing the run.
/// </summary>
internal static class NativeClient
{
    public static FluvioClient? TryCreate(string? scEndpoint, out string reason)
    {
        if (scEndpoint is null)
        {
            reason = "the broker reported no native SC port";
            return null;
        }
        try
        {
            reason = "";
            return FluvioClient.Create(new Uri($"fluvio://{scEndpoint}"));
        }
        catch (FluvioException e)
        {
            reason = e.Message;
            return null;
        }
    }
}
