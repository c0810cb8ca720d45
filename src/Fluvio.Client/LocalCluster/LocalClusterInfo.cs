using System.Text.Json.Serialization;

namespace Fluvio.Client.LocalCluster;

/// <summary>A running local broker, as recorded in the state file other sessions read.</summary>
/// <param name="ScEndpoint">The native Fluvio SC ("host:port") the official Fluvio tools connect to; null in state files of older brokers.</param>
/// <param name="SpuEndpoint">The native Fluvio SPU ("host:port"); null in state files of older brokers.</param>
public sealed record LocalClusterInfo(
    [property: JsonPropertyName("processId")] int ProcessId,
    [property: JsonPropertyName("endpoint")] Uri Endpoint,
    [property: JsonPropertyName("dataDirectory")] string DataDirectory,
    [property: JsonPropertyName("startTime")] DateTimeOffset StartTime,
    [property: JsonPropertyName("logFile")] string LogFile,
    [property: JsonPropertyName("scEndpoint")] string? ScEndpoint = null,
    [property: JsonPropertyName("spuEndpoint")] string? SpuEndpoint = null);
