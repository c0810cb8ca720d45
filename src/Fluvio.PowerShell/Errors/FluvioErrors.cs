using System.Management.Automation;
using Fluvio.Client;

namespace Fluvio.PowerShell;

/// <summary>
/// Error ids are part of the module's API: scripts match on them, so they never change. Each
/// failure gets a real category and, where there is one, the object it concerns.
/// </summary>
internal static class FluvioErrors
{
    public const string KeySeparatorNotFound = nameof(KeySeparatorNotFound);
    public const string KeyPropertyNotFound = nameof(KeyPropertyNotFound);
    public const string ValuePropertyNotFound = nameof(ValuePropertyNotFound);
    public const string TopicRequired = nameof(TopicRequired);
    public const string InputRequired = nameof(InputRequired);
    public const string NoCluster = nameof(NoCluster);
    public const string LocalClusterNotRunning = nameof(LocalClusterNotRunning);
    public const string InvalidEndpoint = nameof(InvalidEndpoint);
    public const string InvalidJson = nameof(InvalidJson);
    public const string FileNotFound = nameof(FileNotFound);
    public const string ProfileNotFound = nameof(ProfileNotFound);
    public const string PartitionRequired = nameof(PartitionRequired);
    public const string ConsumerNotFound = nameof(ConsumerNotFound);
    public const string ConsumerLagTimeout = nameof(ConsumerLagTimeout);
    public const string InvalidBase64 = nameof(InvalidBase64);
    public const string RawInputNotBytes = nameof(RawInputNotBytes);
    public const string InvalidExportLine = nameof(InvalidExportLine);
    public const string InvalidRange = nameof(InvalidRange);
    public const string InvalidSmartModule = nameof(InvalidSmartModule);
    public const string InvalidTransform = nameof(InvalidTransform);
    public const string AmbiguousPath = nameof(AmbiguousPath);

    public static ErrorRecord Create(string id, ErrorCategory category, string message, object? target, Exception? inner = null) =>
        new(new FluvioCmdletException(message, inner), id, category, target);

    /// <summary>A named consumer with no committed offset where the command looked: the broker knows consumers only by their offsets.</summary>
    public static ErrorRecord ConsumerNotFoundError(string consumer, string? topic, int? partition)
    {
        string where = (topic, partition) switch
        {
            (null, _) => "",
            (_, null) => $" on topic '{topic}'",
            _ => $" on partition {partition} of topic '{topic}'",
        };
        return new ErrorRecord(new ItemNotFoundException($"Consumer '{consumer}' not found: it has no committed offset{where}."),
            ConsumerNotFound, ErrorCategory.ObjectNotFound, consumer);
    }

    /// <summary>Failures after which nothing else can succeed either: the broker is gone or refuses us.</summary>
    public static bool IsFatal(FluvioException exception) =>
        exception.Code is FluvioErrorCode.ConnectionFailed or FluvioErrorCode.Timeout or FluvioErrorCode.ProducerClosed;

    /// <summary>A client-library failure, with the library's error code as the id.</summary>
    public static ErrorRecord From(FluvioException exception, object? target) =>
        new(exception, exception.Code.ToString(), CategoryOf(exception.Code), target);

    private static ErrorCategory CategoryOf(FluvioErrorCode code) => code switch
    {
        FluvioErrorCode.TopicNotFound or FluvioErrorCode.PartitionNotFound or FluvioErrorCode.ConsumerOffsetNotFound
            or FluvioErrorCode.ProfileNotFound or FluvioErrorCode.SmartModuleNotFound => ErrorCategory.ObjectNotFound,
        FluvioErrorCode.TopicExists => ErrorCategory.ResourceExists,
        FluvioErrorCode.InvalidTopicName or FluvioErrorCode.InvalidArgument or FluvioErrorCode.OffsetOutOfRange => ErrorCategory.InvalidArgument,
        FluvioErrorCode.RecordTooLarge => ErrorCategory.LimitsExceeded,
        FluvioErrorCode.InvalidBatch => ErrorCategory.InvalidData,
        FluvioErrorCode.CompressionMismatch => ErrorCategory.InvalidArgument,
        FluvioErrorCode.ConnectionFailed => ErrorCategory.ConnectionError,
        FluvioErrorCode.Timeout => ErrorCategory.OperationTimeout,
        FluvioErrorCode.BrokerRuntimeMissing => ErrorCategory.NotInstalled,
        FluvioErrorCode.PortInUse => ErrorCategory.ResourceUnavailable,
        FluvioErrorCode.ProducerClosed => ErrorCategory.InvalidOperation,
        FluvioErrorCode.StorageFailure => ErrorCategory.WriteError,
        FluvioErrorCode.Unauthenticated => ErrorCategory.AuthenticationError,
        FluvioErrorCode.SmartModuleFailed => ErrorCategory.InvalidOperation,
        _ => ErrorCategory.InvalidResult,
    };
}

/// <summary>The exception behind errors the cmdlets raise themselves (bad input, missing settings).</summary>
public sealed class FluvioCmdletException(string message, Exception? inner = null) : Exception(message, inner);
