using Fluvio.Protocol.Grpc;
using Fluvio.Storage;
using Grpc.Core;

namespace Fluvio.Broker;

/// <summary>Turns storage errors into what a gRPC client sees: a status code plus the Fluvio reason.</summary>
internal static class RpcErrors
{
    public static Error ToError(StorageException exception) =>
        new() { Reason = exception.Error.ToReason(), Message = exception.Message };

    public static RpcException ToRpcException(StorageException exception) =>
        Create(exception.Error.ToReason(), exception.Message);

    public static RpcException Create(ErrorReason reason, string message)
    {
        var trailers = new Metadata { { GrpcErrors.ReasonTrailer, GrpcErrors.TrailerValue(reason) } };
        return new RpcException(new Status(StatusOf(reason), message), trailers);
    }

    /// <summary>Runs a storage call, rethrowing its errors as gRPC errors.</summary>
    public static T Guard<T>(Func<T> call)
    {
        try
        {
            return call();
        }
        catch (StorageException e)
        {
            throw ToRpcException(e);
        }
    }

    private static StatusCode StatusOf(ErrorReason reason) => reason switch
    {
        ErrorReason.TopicNotFound or ErrorReason.PartitionNotFound or ErrorReason.ConsumerOffsetNotFound or ErrorReason.SmartModuleNotFound => StatusCode.NotFound,
        ErrorReason.SmartModuleFailed => StatusCode.FailedPrecondition,
        ErrorReason.TopicExists => StatusCode.AlreadyExists,
        ErrorReason.InvalidTopicName or ErrorReason.InvalidArgument or ErrorReason.InvalidBatch => StatusCode.InvalidArgument,
        ErrorReason.RecordTooLarge => StatusCode.ResourceExhausted,
        ErrorReason.OffsetOutOfRange => StatusCode.OutOfRange,
        _ => StatusCode.Internal,
    };
}
