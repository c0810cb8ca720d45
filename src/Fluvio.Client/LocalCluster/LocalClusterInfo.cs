using System.Text.Json.Serialization;

namespace Fluvio.Client.LocalCluster;

/// <summary>A running local broker, as recorded in the state file other sessions read.</summary>
public sealed record LocalClusterInfo(
    [property: JsonPropertyName("processId")] int ProcessId,
    [property: JsonPropertyName("endpoint")] Uri Endpoint,
    [property: JsonPropertyName("dataDirectory")] string DataDirectory,
    [property: JsonPropertyName("startTime")] DateTimeOffset StartTime,
    [property: JsonPropertyName("logFile")] string LogFile);
