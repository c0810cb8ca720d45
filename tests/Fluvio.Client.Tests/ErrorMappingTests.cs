using System.Net.Sockets;
using Fluvio.Protocol.Grpc;
using Grpc.Core;

namespace Fluvio.Client.Tests;

public class ErrorMappingTests
{
    private readonly ConnectionErrors _mapper = new(new Uri("http://127.0.0.1:9003/"), TimeSpan.FromSeconds(5));

    private static RpcException WithReason(string reason, string detail = "", StatusCode status = StatusCode.FailedPrecondition) =>
        new(new Status(status, detail), new Metadata { { GrpcErrors.ReasonTrailer, reason } });

    [Theory]
    [InlineData("TopicNotFound", FluvioErrorCode.TopicNotFound)]
    [InlineData("TopicExists", FluvioErrorCode.TopicExists)]
    [InlineData("InvalidTopicName", FluvioErrorCode.InvalidTopicName)]
    [InlineData("PartitionNotFound", FluvioErrorCode.PartitionNotFound)]
    [InlineData("RecordTooLarge", FluvioErrorCode.RecordTooLarge)]
    [InlineData("InvalidBatch", FluvioErrorCode.InvalidBatch)]
    [InlineData("OffsetOutOfRange", FluvioErrorCode.OffsetOutOfRange)]
    [InlineData("InvalidArgument", FluvioErrorCode.InvalidArgument)]
    [InlineData("ConsumerOffsetNotFound", FluvioErrorCode.ConsumerOffsetNotFound)]
    [InlineData("StorageFailure", FluvioErrorCode.StorageFailure)]
    [InlineData("ERROR_REASON_TOPIC_NOT_FOUND", FluvioErrorCode.TopicNotFound)]
    [InlineData("SomethingNew", FluvioErrorCode.Unknown)]
    [InlineData("5", FluvioErrorCode.Unknown)]
    [InlineData("ConnectionFailed", FluvioErrorCode.Unknown)] // a client code is never a broker reason
    public void The_trailer_names_the_code(string reason, FluvioErrorCode expected)
    {
        var e = _mapper.FromRpc(WithReason(reason, "broker says so"));
        Assert.Equal(expected, e.Code);
        Assert.Equal("broker says so", e.Message);
    }

    [Fact]
    public void Every_broker_reason_has_a_code_of_the_same_name()
    {
        foreach (var reason in Enum.GetValues<ErrorReason>().Where(r => r != ErrorReason.Unspecified))
        {
            Assert.Equal(reason.ToString(), GrpcErrors.KindOfTrailer(reason.ToString()).ToString());
        }
    }

    [Fact]
    public void An_empty_broker_message_is_replaced_by_one_naming_the_subject()
    {
        var e = _mapper.FromRpc(WithReason("TopicNotFound"), "orders");
        Assert.Equal("Topic 'orders' not found.", e.Message);
    }

    [Fact]
    public void Connection_refused_names_the_endpoint()
    {
        var refused = new HttpRequestException("Connection refused (127.0.0.1:1)", new SocketException((int)SocketError.ConnectionRefused));
        var e = new ConnectionErrors(new Uri("http://127.0.0.1:1"), TimeSpan.FromSeconds(5))
            .FromRpc(new RpcException(new Status(StatusCode.Unavailable, "Error starting gRPC call.", refused)));
        Assert.Equal(FluvioErrorCode.ConnectionFailed, e.Code);
        Assert.Equal("Cannot reach the Fluvio broker at http://127.0.0.1:1: connection refused.", e.Message);
    }

    [Fact]
    public void Unavailable_without_a_socket_error_still_names_the_endpoint()
    {
        var e = _mapper.FromRpc(new RpcException(new Status(StatusCode.Unavailable, "no healthy upstream")));
        Assert.Equal(FluvioErrorCode.ConnectionFailed, e.Code);
        Assert.Equal("Cannot reach the Fluvio broker at http://127.0.0.1:9003: no healthy upstream.", e.Message);
    }

    [Fact]
    public void A_connect_timeout_says_how_long_it_waited()
    {
        var e = _mapper.Unreachable(new TaskCanceledException("timed out", new TimeoutException()));
        Assert.Equal("Cannot reach the Fluvio broker at http://127.0.0.1:9003: no connection within 5 s.", e.Message);
    }

    [Fact]
    public void DeadlineExceeded_is_Timeout()
    {
        var e = _mapper.FromRpc(new RpcException(new Status(StatusCode.DeadlineExceeded, "")));
        Assert.Equal(FluvioErrorCode.Timeout, e.Code);
        Assert.Contains("http://127.0.0.1:9003", e.Message);
    }

    [Theory]
    [InlineData(StatusCode.Internal, FluvioErrorCode.ConnectionFailed)]
    [InlineData(StatusCode.ResourceExhausted, FluvioErrorCode.RecordTooLarge)]
    [InlineData(StatusCode.InvalidArgument, FluvioErrorCode.InvalidArgument)]
    [InlineData(StatusCode.Unimplemented, FluvioErrorCode.Unknown)]
    public void Statuses_without_a_trailer_map_by_kind(StatusCode status, FluvioErrorCode expected) =>
        Assert.Equal(expected, _mapper.FromRpc(new RpcException(new Status(status, "detail"))).Code);

    [Fact]
    public void A_produce_entry_error_maps_by_its_reason()
    {
        var e = GrpcErrorMapping.FromBrokerError(new Error { Reason = ErrorReason.InvalidBatch, Message = "CRC mismatch" }, "orders");
        Assert.Equal(FluvioErrorCode.InvalidBatch, e.Code);
        Assert.Equal("CRC mismatch", e.Message);
        Assert.Equal(FluvioErrorCode.Unknown, GrpcErrorMapping.FromBrokerError(new Error(), "orders").Code);
    }
}
