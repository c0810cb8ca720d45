using System.Management.Automation;
using Fluvio.Client;
using Fluvio.Protocol.Grpc;
using Grpc.Core;
using Grpc.Net.Client;
using Xunit.Abstractions;

namespace Fluvio.Reliability.Tests.Security;

/// <summary>
/// A broker started with --token-file refuses every gRPC call without that bearer token:
/// Unauthenticated, mapped to FluvioErrorCode.Unauthenticated, with one message for a missing and
/// a wrong token that reveals nothing else. The PowerShell module takes it from $env:FLUVIO_TOKEN.
/// </summary>
public sealed class TokenAuthTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Token = "s3cr3t-t0ken-for-tests";
    private readonly string _tokenFile = Path.Combine(Path.GetTempPath(), $"fluvio-token-{Guid.NewGuid():N}");
    private BrokerHost _broker = null!;

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(_tokenFile, Token + "\n");
        // gRPC only: a token broker opens its native ports only behind client certificates (NativeTokenRuleTests).
        _broker = await BrokerHost.StartAsync(null, "--token-file", _tokenFile, "--native-off");
    }

    public async Task DisposeAsync()
    {
        await _broker.DisposeAsync();
        File.Delete(_tokenFile);
    }

    [Fact(Timeout = 60_000)]
    public async Task Missing_and_wrong_tokens_are_Unauthenticated_with_the_same_message_and_the_right_one_works()
    {
        var missing = await Assert.ThrowsAsync<FluvioException>(() => FluvioClient.ConnectAsync(_broker.Endpoint));
        var wrong = await Assert.ThrowsAsync<FluvioException>(() => FluvioClient.ConnectAsync(_broker.Endpoint, new FluvioClientOptions { Token = Token + "x" }));
        var prefix = await Assert.ThrowsAsync<FluvioException>(() => FluvioClient.ConnectAsync(_broker.Endpoint, new FluvioClientOptions { Token = Token[..^1] }));
        foreach (var refused in new[] { missing, wrong, prefix })
        {
            Assert.Equal(FluvioErrorCode.Unauthenticated, refused.Code);
            Assert.Equal(missing.Message, refused.Message);
            Assert.DoesNotContain(Token, refused.Message);
            Assert.DoesNotContain(_tokenFile, refused.Message);
        }
        output.WriteLine(missing.Message);

        await using var client = await FluvioClient.ConnectAsync(_broker.Endpoint, new FluvioClientOptions { Token = Token });
        await client.CreateTopicAsync(new TopicSpec("guarded"));
        var acked = await Produce.StampedAsync(client, "guarded", producer: 1, count: 20);
        var read = new List<ConsumerRecord>();
        await foreach (var record in client.ConsumeAsync("guarded", new ConsumerOptions()))
        {
            read.Add(record);
        }
        Assert.Equal(acked.Count, read.Count);
        Assert.DoesNotContain(Token, new FluvioClientOptions { Token = Token }.ToString());
    }

    [Fact(Timeout = 60_000)]
    public async Task Every_service_and_stream_kind_demands_the_token()
    {
        using var channel = GrpcChannel.ForAddress(_broker.Endpoint);
        var calls = new Func<Task>[]
        {
            () => new Admin.AdminClient(channel).ListTopicsAsync(new ListTopicsRequest()).ResponseAsync,
            () => new Offsets.OffsetsClient(channel).ListConsumerOffsetsAsync(new ListConsumerOffsetsRequest()).ResponseAsync,
            async () =>
            {
                using var consume = new Consumer.ConsumerClient(channel).Consume(new ConsumeRequest { Topic = "guarded" });
                await consume.ResponseStream.MoveNext(CancellationToken.None);
            },
            async () =>
            {
                using var produce = new Producer.ProducerClient(channel).Produce();
                try
                {
                    await produce.RequestStream.WriteAsync(new ProduceRequest { Id = 1, Topic = "guarded" });
                }
                catch (RpcException)
                {
                    // The broker can refuse the call before the write goes out; the write then fails
                    // as Cancelled (seen once in CI), and the call's own status, read next, says why.
                }
                await produce.ResponseStream.MoveNext(CancellationToken.None);
            },
        };
        foreach (var call in calls)
        {
            var refused = await Assert.ThrowsAsync<RpcException>(call);
            Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task The_PowerShell_module_takes_the_token_from_FLUVIO_TOKEN()
    {
        using var shell = new PowerShellSession(Repo.Manifest);
        shell.Set("endpoint", _broker.Endpoint.ToString());
        // Without it: a clear, stable error id and category.
        var (_, errors, _) = await shell.RunAsync("Get-FluvioTopic -Endpoint $endpoint");
        var error = Assert.Single(errors);
        Assert.Equal("Unauthenticated,Fluvio.PowerShell.Commands.GetFluvioTopicCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);

        // The module keeps one client per endpoint, so the token goes to a second address of the same broker.
        var withToken = new UriBuilder(_broker.Endpoint) { Host = "localhost" }.Uri;
        string? previous = Environment.GetEnvironmentVariable("FLUVIO_TOKEN");
        Environment.SetEnvironmentVariable("FLUVIO_TOKEN", Token);
        try
        {
            shell.Set("endpoint", withToken.ToString());
            var (topics, tokenErrors, terminating) = await shell.RunAsync("New-FluvioTopic -Name ps-guarded -Endpoint $endpoint; Get-FluvioTopic -Endpoint $endpoint");
            Assert.Null(terminating);
            Assert.Empty(tokenErrors);
            Assert.Contains(topics, t => (string)t.Properties["Name"].Value == "ps-guarded");
        }
        finally
        {
            Environment.SetEnvironmentVariable("FLUVIO_TOKEN", previous);
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task Connect_Fluvio_takes_the_token_as_a_SecureString_for_the_sessions_connection()
    {
        using var shell = new PowerShellSession(Repo.Manifest);
        var secure = new System.Security.SecureString();
        foreach (char c in Token)
        {
            secure.AppendChar(c);
        }
        // Another spelling of the broker's address: the module keeps one client per endpoint and options.
        shell.Set("endpoint", new UriBuilder(_broker.Endpoint) { Host = "localhost" }.Uri.ToString());
        shell.Set("token", secure);
        shell.Set("wrong", new System.Net.NetworkCredential("", "not-the-token").SecurePassword);

        var (_, wrongErrors, wrongTerminating) = await shell.RunAsync("Connect-Fluvio -Endpoint $endpoint -Token $wrong");
        var refused = wrongTerminating?.ErrorRecord ?? Assert.Single(wrongErrors);
        Assert.Equal("Unauthenticated,Fluvio.PowerShell.Commands.ConnectFluvioCommand", refused.FullyQualifiedErrorId);
        Assert.DoesNotContain("not-the-token", refused.ToString());

        var (output, errors, terminating) = await shell.RunAsync(
            "Connect-Fluvio -Endpoint $endpoint -Token $token; New-FluvioTopic -Name ps-secure-token; Get-FluvioTopic | ForEach-Object Name");
        Assert.Null(terminating);
        Assert.Empty(errors);
        Assert.Contains("ps-secure-token", output.Select(o => o.BaseObject as string));
    }

    [Fact]
    public void A_token_is_never_sent_in_clear_text_off_this_machine()
    {
        var refused = Assert.Throws<FluvioException>(() => FluvioClient.Create(new Uri("http://192.0.2.10:9009"), new FluvioClientOptions { Token = Token }));
        Assert.Equal(FluvioErrorCode.InvalidArgument, refused.Code);
        Assert.Contains("https://", refused.Message);
        Assert.DoesNotContain(Token, refused.Message);
    }
}
