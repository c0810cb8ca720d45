namespace Fluvio.Client.Tests;

public class BrokerEventTests
{
    [Fact]
    public void The_ready_line_gives_the_three_addresses()
    {
        var ready = Assert.IsType<BrokerReady>(BrokerEvent.TryParse(
            """{"event":"ready","grpc":"http://127.0.0.1:9009/","sc":"127.0.0.1:9003","spu":"127.0.0.1:9010","pid":42}"""));
        Assert.Equal(new Uri("http://127.0.0.1:9009/"), ready.Grpc);
        Assert.Equal("127.0.0.1:9003", ready.Sc);
        Assert.Equal("127.0.0.1:9010", ready.Spu);
    }

    [Fact]
    public void A_broker_without_native_ports_is_ready_without_their_addresses()
    {
        var ready = Assert.IsType<BrokerReady>(BrokerEvent.TryParse("""{"event":"ready","grpc":"http://127.0.0.1:1/"}"""));
        Assert.Null(ready.Sc);
        Assert.Null(ready.Spu);
    }

    [Fact]
    public void The_failed_line_gives_the_reason_and_message()
    {
        var failed = Assert.IsType<BrokerFailed>(BrokerEvent.TryParse(
            """{"event":"failed","error":"PortInUse","listener":"grpc","port":9009,"message":"Port 9009 is in use."}"""));
        Assert.Equal("PortInUse", failed.Error);
        Assert.Equal("Port 9009 is in use.", failed.Message);
    }

    [Theory]
    [InlineData("info: listening")]
    [InlineData("{not json")]
    [InlineData("""{"event":"stopped"}""")]
    [InlineData("""{"event":"ready"}""")]
    public void Other_lines_are_no_event(string line) => Assert.Null(BrokerEvent.TryParse(line));
}
