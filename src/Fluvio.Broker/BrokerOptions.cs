using System.Globalization;
using System.Net;
using Fluvio.Broker.Core;
using Fluvio.Storage;

namespace Fluvio.Broker;

/// <summary>Command-line options of fluvio-broker.</summary>
public sealed record BrokerOptions
{
    public string DataDirectory { get; init; } = DefaultDataDirectory();
    public IPAddress Host { get; init; } = IPAddress.Loopback;

    /// <summary>0 asks the operating system for a free port.</summary>
    public int GrpcPort { get; init; } = 9009;

    /// <summary>The native SC port (Fluvio's default, so the official tools find it unconfigured); 0 picks a free one.</summary>
    public int ScPort { get; init; } = 9003;

    /// <summary>The native SPU port, advertised to clients in the SC's SPU metadata; 0 picks a free one.</summary>
    public int SpuPort { get; init; } = 9010;

    public FlushMode FlushMode { get; init; } = FlushMode.Fsync;
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromSeconds(1);
    public int MaxBatchBytes { get; init; } = new StorageOptions().MaxBatchBytes;
    public TimeSpan RetentionCheckInterval { get; init; } = new StorageOptions().RetentionCheckInterval;

    /// <summary>No native SC and SPU listeners: gRPC only (what a broker with --token-file and no client certificates needs).</summary>
    public bool NativeOff { get; init; }

    public BrokerLimits Limits { get; init; } = new();
    public int MaxPartitions { get; init; } = new StorageOptions().MaxPartitions;
    public int MaxOpenFiles { get; init; } = new StorageOptions().MaxOpenFiles;
    public int MaxConsumerIdBytes { get; init; } = new StorageOptions().MaxConsumerIdBytes;
    public int MaxConsumersPerTopic { get; init; } = new StorageOptions().MaxConsumersPerTopic;

    /// <summary>Diagnostics go here instead of stderr (a detached broker has no terminal).</summary>
    public string? LogFile { get; init; }

    /// <summary>Leave the caller's terminal session, so its Ctrl+C and hang-up do not stop the broker.</summary>
    public bool Detach { get; init; }

    /// <summary>What a client may cost the native listeners: connections, timeouts, buffered bytes.</summary>
    internal Native.NativeLimits NativeLimits { get; init; } = new();

    public const string Usage = """
        Usage: fluvio-broker [options]

          --data-dir <path>         where topics and offsets are kept (default: ~/.fluvio-powershell/data)
          --host <address>          address to listen on (default: 127.0.0.1); the native SC/SPU ports
                                    follow it only with --tls-cert and --tls-client-ca (see below)
          --grpc-port <port>        gRPC port; 0 picks a free one (default: 9009)
          --sc-port <port>          native Fluvio SC port, for the official Fluvio clients; 0 picks a free one (default: 9003)
          --spu-port <port>         native Fluvio SPU port; 0 picks a free one (default: 9010)
          --flush-mode <mode>       fsync: acknowledge after fsync, grouped (default)
                                    interval: fsync every --flush-interval-ms; a crash can lose the last interval
          --flush-interval-ms <n>   interval for --flush-mode interval (default: 1000)
          --max-batch-bytes <n>     largest batch accepted (default: 2097152, as Fluvio)
          --retention-check-ms <n>  how often retention deletes expired segments (default: 10000)
          --native-off              no native SC/SPU listeners (gRPC only)

        Limits (docs/SECURITY.md says why each default):
          --max-partitions-per-topic <n>  partitions in one topic (default: 1000)
          --max-partitions <n>      partitions over all topics (default: 10000)
          --max-open-files <n>      segment files kept open over all partitions (default: 256)
          --max-consumer-id-bytes <n>  longest consumer id, UTF-8 (default: 1024)
          --max-consumers-per-topic <n>  consumers with committed offsets in one topic (default: 10000)

          --log-file <path>         write diagnostics to this file instead of stderr
          --max-connections <n>     open connections per native listener; more are closed at once (default: 1024)
          --handshake-timeout-s <n> a native connection's first request must arrive within this (default: 10)
          --idle-timeout-s <n>      a native connection with no request, stream or watch for this long is closed,
                                    and a started frame must complete within it (default: 300)
          --max-pending-frame-bytes <n>
                                    bytes of incomplete native request frames, all connections together;
                                    past it connections wait unread (default: 268435456)
          --max-pending-response-bytes <n>
                                    bytes of native answers not yet written, all connections together;
                                    past it reads for slow readers wait (default: 67108864)
          --max-connection-response-bytes <n>
                                    the same for one connection, and the most one stream frame or Fetch reads (default: 16777216)
          --detach                  run in a session of its own (immune to the terminal's Ctrl+C and hang-up)
          --help                    show this text

        Native ports: they speak TLS (the gRPC certificate, TLS 1.2+) when --tls-cert is given, and
        require a client certificate signed by --tls-client-ca when that is given too. The native
        protocol has no token: with --token-file the broker starts only with --tls-client-ca (every
        native client proves itself by certificate) or --native-off. They bind
        --host only then: client certificates are the native protocol's only authentication (it has
        no token), so otherwise they stay on 127.0.0.1 and a --host off loopback is warned about.
        The SPU address clients are told is 127.0.0.1 on loopback, the --host address otherwise,
        or this machine's host name when --host is 0.0.0.0 or ::.

        When it accepts connections the broker prints one JSON line on stdout ("nativeTls" says
        whether the native ports speak TLS):
          {"event":"ready","grpc":"http://127.0.0.1:9009","sc":"127.0.0.1:9003","spu":"127.0.0.1:9010","nativeTls":false,...}
        SIGTERM or Ctrl+C stop it gracefully.
        """;

    /// <summary>Parses arguments; throws <see cref="ArgumentException"/> with a message for the user.</summary>
    public static BrokerOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BrokerOptions();
        for (int i = 0; i < args.Count; i++)
        {
            string name = args[i];
            if (name == "--detach")
            {
                options = options with { Detach = true };
                continue;
            }
            if (name == "--native-off")
            {
                options = options with { NativeOff = true };
                continue;
            }
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"Option {name} needs a value.");
            options = name switch
            {
                "--data-dir" => options with { DataDirectory = Path.GetFullPath(Value()) },
                "--host" => options with { Host = ParseHost(Value()) },
                "--grpc-port" => options with { GrpcPort = ParsePort(name, Value()) },
                "--sc-port" => options with { ScPort = ParsePort(name, Value()) },
                "--spu-port" => options with { SpuPort = ParsePort(name, Value()) },
                "--flush-mode" => options with { FlushMode = ParseFlushMode(Value()) },
                "--flush-interval-ms" => options with { FlushInterval = TimeSpan.FromMilliseconds(ParsePositive(name, Value())) },
                "--max-batch-bytes" => options with { MaxBatchBytes = ParsePositive(name, Value()) },
                "--retention-check-ms" => options with { RetentionCheckInterval = TimeSpan.FromMilliseconds(ParsePositive(name, Value())) },
                "--log-file" => options with { LogFile = Path.GetFullPath(Value()) },
                "--max-partitions-per-topic" => options with { Limits = options.Limits with { MaxPartitionsPerTopic = ParsePositive(name, Value()) } },
                "--max-partitions" => options with { MaxPartitions = ParsePositive(name, Value()) },
                "--max-open-files" => options with { MaxOpenFiles = ParsePositive(name, Value()) },
                "--max-consumer-id-bytes" => options with { MaxConsumerIdBytes = ParsePositive(name, Value()) },
                "--max-consumers-per-topic" => options with { MaxConsumersPerTopic = ParsePositive(name, Value()) },
                "--max-connections" => options with { NativeLimits = options.NativeLimits with { MaxConnections = ParsePositive(name, Value()) } },
                "--handshake-timeout-s" => options with { NativeLimits = options.NativeLimits with { HandshakeTimeout = TimeSpan.FromSeconds(ParsePositive(name, Value())) } },
                "--idle-timeout-s" => options with { NativeLimits = options.NativeLimits with { IdleTimeout = TimeSpan.FromSeconds(ParsePositive(name, Value())) } },
                "--max-pending-frame-bytes" => options with { NativeLimits = options.NativeLimits with { MaxPendingFrameBytes = ParsePositive(name, Value()) } },
                "--max-pending-response-bytes" => options with { Limits = options.Limits with { MaxPendingResponseBytes = ParsePositive(name, Value()) } },
                "--max-connection-response-bytes" => options with { NativeLimits = options.NativeLimits with { MaxConnectionResponseBytes = ParsePositive(name, Value()) } },
                _ => throw new ArgumentException($"Unknown option '{name}'."),
            };
        }
        return options;
    }

    public StorageOptions ToStorageOptions(Action<string> log) => new()
    {
        FlushMode = FlushMode,
        FlushInterval = FlushInterval,
        MaxBatchBytes = MaxBatchBytes,
        RetentionCheckInterval = RetentionCheckInterval,
        MaxPartitions = MaxPartitions,
        MaxOpenFiles = MaxOpenFiles,
        MaxConsumerIdBytes = MaxConsumerIdBytes,
        MaxConsumersPerTopic = MaxConsumersPerTopic,
        Log = log,
    };

    private static string DefaultDataDirectory() =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".fluvio-powershell", "data");

    private static IPAddress ParseHost(string value) =>
        value == "localhost" ? IPAddress.Loopback
        : IPAddress.TryParse(value, out var address) ? address
        : throw new ArgumentException($"--host takes an IP address, not '{value}'.");

    private static int ParsePort(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int port) && port <= 65535
            ? port
            : throw new ArgumentException($"{name} takes a port number from 0 to 65535, not '{value}'.");

    private static int ParsePositive(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0
            ? n
            : throw new ArgumentException($"{name} takes a positive whole number, not '{value}'.");

    private static FlushMode ParseFlushMode(string value) => value.ToLowerInvariant() switch
    {
        "fsync" => FlushMode.Fsync,
        "interval" => FlushMode.Interval,
        _ => throw new ArgumentException($"--flush-mode is 'fsync' or 'interval', not '{value}'."),
    };
}
