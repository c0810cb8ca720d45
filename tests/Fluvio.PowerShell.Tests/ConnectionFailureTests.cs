using System.Management.Automation;

namespace Fluvio.PowerShell.Tests;

/// <summary>A broker that is not there: ConnectionFailed naming it; no broker configured at all: NoCluster saying what to do.</summary>
[Collection(LocalClusterCollection.Name)]
public sealed class ConnectionFailureTests(LocalClusterFixture cluster)
{

    [Fact]
    public void ConnectFluvioToAClosedPortFailsAndKeepsTheSessionsDefaults()
    {
        using var shell = cluster.NewShell();
        int port = TestSupport.ClosedPort();

        var result = shell.RunStrict($"Connect-Fluvio -Endpoint http://127.0.0.1:{port} -Topic somewhere");

        var error = result.AssertTerminating("ConnectionFailed", "ConnectFluvioCommand", ErrorCategory.ConnectionError, new Uri($"http://127.0.0.1:{port}"));
        Assert.Contains($"127.0.0.1:{port}", error.Exception.Message);
        // The failed connect changed nothing: the session still talks to the local cluster, with no default topic.
        shell.Run("Get-FluvioTopic").AssertClean();
        shell.RunStrict("'x' | Send-FluvioRecord").AssertTerminating("TopicRequired", "SendFluvioRecordCommand", ErrorCategory.InvalidArgument);
    }

    [Theory]
    [InlineData("Get-FluvioTopic", "GetFluvioTopicCommand")]
    [InlineData("Get-FluvioPartition", "GetFluvioPartitionCommand")]
    [InlineData("'x' | Send-FluvioRecord -Topic t", "SendFluvioRecordCommand")]
    [InlineData("Receive-FluvioRecord -Topic t", "ReceiveFluvioRecordCommand")]
    [InlineData("New-FluvioTopic -Name t", "NewFluvioTopicCommand")]
    [InlineData("Remove-FluvioTopic -Name t -Force", "RemoveFluvioTopicCommand")]
    public void CmdletsGivenAClosedEndpointFailWithConnectionFailed(string command, string cmdletClass)
    {
        using var shell = cluster.NewShell();
        int port = TestSupport.ClosedPort();

        // http://: a bare host:port is the native protocol (see ProfileConnectionTests); this is about gRPC to a closed port.
        var result = shell.Run($"{command} -Endpoint http://127.0.0.1:{port}");

        var error = Assert.Single(result.Errors);
        Assert.Equal($"ConnectionFailed,Fluvio.PowerShell.Commands.{cmdletClass}", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ConnectionError, error.CategoryInfo.Category);
        Assert.Contains($"127.0.0.1:{port}", error.Exception.Message);
        Assert.Empty(result.Output);
    }

    [Fact]
    public void WithNoEndpointAnywhereAndNoLocalClusterTheErrorSaysHowToGetOne()
    {
        string emptyHome = Directory.CreateTempSubdirectory("fluvio-ps-empty-home-").FullName;
        string? previousHome = Environment.GetEnvironmentVariable("FLUVIO_POWERSHELL_HOME");
        string? previousEndpoint = Environment.GetEnvironmentVariable("FLUVIO_ENDPOINT");
        Environment.SetEnvironmentVariable("FLUVIO_POWERSHELL_HOME", emptyHome);
        Environment.SetEnvironmentVariable("FLUVIO_ENDPOINT", null);
        try
        {
            using var shell = cluster.NewShell();

            Assert.Empty(shell.Run("Get-FluvioLocalCluster").AssertClean().Output);
            foreach (var (command, cmdletClass) in new[] { ("Get-FluvioTopic", "GetFluvioTopicCommand"), ("'x' | Send-FluvioRecord -Topic t", "SendFluvioRecordCommand") })
            {
                var error = shell.RunStrict(command).AssertTerminating("NoCluster", cmdletClass, ErrorCategory.ConnectionError);
                Assert.Contains("Start-FluvioLocalCluster", error.Exception.Message);
                Assert.Contains("Connect-Fluvio", error.Exception.Message);
            }
        }
        finally
        {
            Environment.SetEnvironmentVariable("FLUVIO_POWERSHELL_HOME", previousHome);
            Environment.SetEnvironmentVariable("FLUVIO_ENDPOINT", previousEndpoint);
            Directory.Delete(emptyHome, recursive: true);
        }
    }
}
