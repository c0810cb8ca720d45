namespace Fluvio.Client;

/// <summary>
/// A failure a user can act on: <see cref="Exception.Message"/> says what happened in words,
/// <see cref="Code"/> says which kind it is.
/// </summary>
public sealed class FluvioException : Exception
{
    public FluvioException(FluvioErrorCode code, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
    }

    public FluvioErrorCode Code { get; }

    /// <summary>True for the failures that come from the broker's answer, not from reaching it.</summary>
    internal bool IsBrokerReason => Code <= FluvioErrorCode.StorageFailure;
}
