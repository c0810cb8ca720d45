namespace Fluvio.Client.Tests;

/// <summary>
/// Reading the Fluvio CLI's profile file (the format of fluvio-rs crates/fluvio/src/config) and
/// turning a profile into an endpoint and client options.
/// </summary>
public sealed class ProfileTests : IDisposable
{
    private readonly ProfileFiles _files = new();

    public void Dispose() => _files.Dispose();

    /// <summary>What `fluvio cluster start` leaves behind for a local cluster (a serialised fluvio Config).</summary>
    private const string WrittenByFluvioClusterStart = """
        version = "2.0"
        current_profile = "local"

        [profile.local]
        cluster = "local"

        [cluster.local]
        endpoint = "127.0.0.1:9003"
        use_spu_local_address = false

        [cluster.local.tls]
        tls_policy = "disabled"

        [cluster.local.metadata]
        installation = "local"
        """;

    private const string SeveralProfiles = """
        version = "2.0"
        current_profile = "staging"

        [profile.local]
        cluster = "local"

        [profile.staging]
        cluster = "stage-cluster"
        topic = "orders"
        partition = 2

        [profile.orphan]
        cluster = "gone"

        [cluster.local]
        endpoint = "localhost:9003"

        [cluster.stage-cluster]
        addr = "https://fluvio.staging.example:443"
        use_spu_local_address = true

        [cluster.stage-cluster.tls]
        tls_policy = "anonymous"
        """;

    [Fact]
    public void The_file_fluvio_cluster_start_writes_gives_the_current_local_profile_on_the_native_port()
    {
        var file = FluvioConfigFile.Load(_files.Write(WrittenByFluvioClusterStart));

        var profile = Assert.Single(file.Profiles);
        Assert.Equal(("local", "local", "127.0.0.1:9003", true), (profile.Name, profile.ClusterName, profile.Endpoint, profile.IsCurrent));
        Assert.Same(profile, file.CurrentProfile);
        Assert.Equal(FluvioTlsPolicy.Disabled, profile.Tls.Policy);
        var (endpoint, options) = profile.ToConnection();
        Assert.Equal(new Uri("fluvio://127.0.0.1:9003"), endpoint);
        Assert.Equal(new FluvioClientOptions(), options);
    }

    [Fact]
    public void Several_profiles_are_listed_by_name_with_the_current_one_marked()
    {
        var file = FluvioConfigFile.Load(_files.Write(SeveralProfiles));

        Assert.Equal(["local", "orphan", "staging"], file.Profiles.Select(p => p.Name));
        Assert.Equal("staging", file.CurrentProfileName);
        Assert.Equal(["staging"], file.Profiles.Where(p => p.IsCurrent).Select(p => p.Name));
        var staging = file.GetProfile("staging");
        Assert.Equal(("stage-cluster", "https://fluvio.staging.example:443", "orders", 2, true),
            (staging.ClusterName, staging.Endpoint, staging.Topic, staging.Partition, staging.UseSpuLocalAddress));
        // `addr` is fluvio-rs's old name for `endpoint`; an https:// endpoint stays gRPC over TLS.
        var (endpoint, options) = staging.ToConnection();
        Assert.Equal(new Uri("https://fluvio.staging.example:443"), endpoint);
        Assert.True(options is { UseTls: true, TlsSkipVerification: true });
        // A profile whose cluster is missing is still listed, as `fluvio profile list` does.
        Assert.Null(file.GetProfile("orphan").Endpoint);
    }

    [Fact]
    public void A_file_without_current_profile_has_no_current_profile()
    {
        var file = FluvioConfigFile.Load(_files.Write(SeveralProfiles.Replace("current_profile = \"staging\"", "")));

        Assert.Null(file.CurrentProfileName);
        Assert.Null(file.CurrentProfile);
        Assert.All(file.Profiles, p => Assert.False(p.IsCurrent));
    }

    [Fact]
    public void Options_given_as_a_base_are_kept_under_the_profiles_settings()
    {
        var profile = FluvioConfigFile.Load(_files.Write(WrittenByFluvioClusterStart)).GetProfile("local");

        var (_, options) = profile.ToConnection(new FluvioClientOptions { Token = "secret", ConnectTimeout = TimeSpan.FromSeconds(2) });

        Assert.Equal(("secret", TimeSpan.FromSeconds(2)), (options.Token, options.ConnectTimeout));
    }

    [Theory]
    [InlineData("127.0.0.1:9003", "fluvio://127.0.0.1:9003/")]
    [InlineData("localhost", "fluvio://localhost:9003/")]
    [InlineData("[::1]:9010", "fluvio://[::1]:9010/")]
    [InlineData("fluvio://sc.example:9103", "fluvio://sc.example:9103/")]
    [InlineData("fluvio://sc.example", "fluvio://sc.example:9003/")]
    [InlineData("http://127.0.0.1:9009", "http://127.0.0.1:9009/")]
    [InlineData("https://fluvio.example", "https://fluvio.example/")]
    [InlineData("grpc://127.0.0.1:9009", "http://127.0.0.1:9009/")]
    public void A_profile_endpoint_becomes_a_fluvio_uri_unless_it_is_a_grpc_address(string written, string expected)
    {
        var profile = FluvioConfigFile.Load(_files.Write(WrittenByFluvioClusterStart.Replace("127.0.0.1:9003", written))).GetProfile("local");

        Assert.Equal(expected, profile.ToConnection().Endpoint.AbsoluteUri);
    }

    [Theory]
    [InlineData("ftp://host:21")]
    [InlineData("host:port")]
    [InlineData("host:9003/path")]
    [InlineData("fluvio://user@host:9003")]
    [InlineData("not an address")]
    [InlineData("")]
    public void An_endpoint_that_is_no_address_fails_naming_the_file_profile_and_endpoint(string written)
    {
        string path = _files.Write(WrittenByFluvioClusterStart.Replace("127.0.0.1:9003", written));
        var profile = FluvioConfigFile.Load(path).GetProfile("local");

        var e = Assert.Throws<FluvioException>(() => profile.ToConnection());

        Assert.Equal(FluvioErrorCode.InvalidArgument, e.Code);
        Assert.Equal($"Profile 'local' in '{path}': the endpoint '{written}' of cluster 'local' is not host:port or a URI.", e.Message);
    }

    [Fact]
    public void A_profile_naming_a_missing_cluster_cannot_connect_and_says_why()
    {
        string path = _files.Write(SeveralProfiles);
        var orphan = FluvioConfigFile.Load(path).GetProfile("orphan");

        var e = Assert.Throws<FluvioException>(() => orphan.ToConnection());

        Assert.Equal(FluvioErrorCode.InvalidArgument, e.Code);
        Assert.Equal($"Profile 'orphan' in '{path}' uses cluster 'gone', which the file does not define.", e.Message);
    }

    [Fact]
    public void An_unknown_profile_is_ProfileNotFound_naming_the_file_and_the_profiles_it_has()
    {
        string path = _files.Write(SeveralProfiles);

        var e = Assert.Throws<FluvioException>(() => FluvioConfigFile.Load(path).GetProfile("prod"));

        Assert.Equal(FluvioErrorCode.ProfileNotFound, e.Code);
        Assert.Equal($"Profile 'prod' not found in '{path}'. Its profiles: local, orphan, staging.", e.Message);
        // Case alone does not make a profile unknown.
        Assert.Equal("staging", FluvioConfigFile.Load(path).GetProfile("Staging").Name);
    }

    [Fact]
    public void Asking_for_a_profile_without_a_file_is_ProfileNotFound_naming_the_file()
    {
        string path = Path.Combine(_files.Folder, "no-such-config");

        var e = Assert.Throws<FluvioException>(() => FluvioConfigFile.LoadProfile(path, "local"));

        Assert.Equal(FluvioErrorCode.ProfileNotFound, e.Code);
        Assert.StartsWith($"Profile 'local' not found: there is no Fluvio profile file at '{path}'", e.Message);
    }

    [Fact]
    public void A_missing_file_is_InvalidArgument_naming_it()
    {
        string path = Path.Combine(_files.Folder, "missing", "config");

        var e = Assert.Throws<FluvioException>(() => FluvioConfigFile.Load(path));

        Assert.Equal(FluvioErrorCode.InvalidArgument, e.Code);
        Assert.Equal($"The Fluvio profile file '{path}' does not exist.", e.Message);
    }

    [Theory]
    [InlineData("current_profile = \"local\"\n[profile.local\ncluster = \"local\"", "")]
    [InlineData("[profile.local]\ntopic = \"t\"", "[profile.local] has no 'cluster'.")]
    [InlineData("[profile.local]\ncluster = 7", "[profile.local] cluster must be a string.")]
    [InlineData("[profile.local]\ncluster = \"c\"\npartition = \"two\"", "[profile.local] partition must be a whole number.")]
    [InlineData("[profile.local]\ncluster = \"c\"\n[cluster.c]\nuse_spu_local_address = false", "[cluster.c] has no 'endpoint'.")]
    [InlineData("[profile.local]\ncluster = \"c\"\n[cluster.c]\nendpoint = \"h:1\"\n[cluster.c.tls]\ntls_policy = \"sometimes\"",
        "[cluster.c.tls] tls_policy 'sometimes' is not disabled, anonymous or verified.")]
    [InlineData("[profile.local]\ncluster = \"c\"\n[cluster.c]\nendpoint = \"h:1\"\n[cluster.c.tls]\ntls_policy = \"verified\"\ntls_source = \"files\"",
        "[cluster.c.tls] has no 'certs'.")]
    [InlineData("[profile.local]\ncluster = \"c\"\n[cluster.c]\nendpoint = \"h:1\"\n[cluster.c.tls]\ntls_policy = \"verified\"\ntls_source = \"files\"\n[cluster.c.tls.certs]\ndomain = \"d\"\nkey = \"k\"\ncert = \"c\"",
        "[cluster.c.tls.certs] has no 'ca_cert'.")]
    public void A_malformed_file_is_InvalidArgument_naming_the_file_and_the_fault(string toml, string fault)
    {
        string path = _files.Write(toml);

        var e = Assert.Throws<FluvioException>(() => FluvioConfigFile.Load(path));

        Assert.Equal(FluvioErrorCode.InvalidArgument, e.Code);
        Assert.StartsWith($"The Fluvio profile file '{path}' is not valid: ", e.Message);
        Assert.EndsWith(fault, e.Message);
    }

    [Fact]
    public void The_default_path_is_FLV_PROFILE_PATH_else_the_fluvio_folder_in_home()
    {
        string? previous = Environment.GetEnvironmentVariable(FluvioConfigFile.PathVariable);
        try
        {
            Environment.SetEnvironmentVariable(FluvioConfigFile.PathVariable, "/elsewhere/fluvio.toml");
            Assert.Equal("/elsewhere/fluvio.toml", FluvioConfigFile.DefaultPath);

            Environment.SetEnvironmentVariable(FluvioConfigFile.PathVariable, null);
            string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            Assert.Equal(Path.Combine(home, ".fluvio", "config"), FluvioConfigFile.DefaultPath);
        }
        finally
        {
            Environment.SetEnvironmentVariable(FluvioConfigFile.PathVariable, previous);
        }
    }
}
