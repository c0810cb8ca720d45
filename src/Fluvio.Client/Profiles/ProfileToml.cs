using Tomlyn;
using Tomlyn.Model;

namespace Fluvio.Client;

/// <summary>
/// Reads the Fluvio profile file the way fluvio-rs (crates/fluvio/src/config) defines it:
/// <c>current_profile</c>, <c>[profile.&lt;name&gt;]</c> with <c>cluster</c> (and optional
/// <c>topic</c>, <c>partition</c>), <c>[cluster.&lt;name&gt;]</c> with <c>endpoint</c> (alias
/// <c>addr</c>), <c>use_spu_local_address</c> and <c>[cluster.&lt;name&gt;.tls]</c>. Keys it does not
/// know (version, client_id, metadata) are ignored; a field of the wrong type fails the whole
/// file, as it fails the Fluvio CLI.
/// </summary>
internal static class ProfileToml
{
    public static FluvioConfigFile Parse(string path, string text)
    {
        TomlTable root;
        try
        {
            root = TomlSerializer.Deserialize<TomlTable>(text, new TomlSerializerOptions { SourceName = path }) ?? new TomlTable();
        }
        catch (TomlException e)
        {
            throw Invalid(path, e.Message, e);
        }
        var file = new Reader(path);
        string? current = file.String(root, "current_profile", "the top level");
        var clusters = file.Tables(root, "cluster").ToDictionary(c => c.Name, c => c.Table, StringComparer.Ordinal);
        var profiles = file.Tables(root, "profile")
            .Select(p => file.Profile(p.Name, p.Table, clusters, p.Name == current))
            .OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
        return new FluvioConfigFile(path, current, profiles);
    }

    private static FluvioException Invalid(string path, string detail, Exception? inner = null) =>
        new(FluvioErrorCode.InvalidArgument, $"The Fluvio profile file '{path}' is not valid: {detail}", inner);

    /// <summary>Typed reads that name the table and key at fault.</summary>
    private sealed class Reader(string path)
    {
        private readonly string _folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)) ?? ".";

        public FluvioProfile Profile(string name, TomlTable table, Dictionary<string, TomlTable> clusters, bool isCurrent)
        {
            string where = $"[profile.{name}]";
            string clusterName = String(table, "cluster", where) ?? throw Invalid(path, $"{where} has no 'cluster'.");
            clusters.TryGetValue(clusterName, out var cluster);
            string clusterWhere = $"[cluster.{clusterName}]";
            return new FluvioProfile
            {
                Name = name,
                ClusterName = clusterName,
                IsCurrent = isCurrent,
                Topic = String(table, "topic", where),
                Partition = Integer(table, "partition", where),
                ConfigPath = path,
                Endpoint = cluster is null ? null
                    : String(cluster, "endpoint", clusterWhere) ?? String(cluster, "addr", clusterWhere) ?? throw Invalid(path, $"{clusterWhere} has no 'endpoint'."),
                UseSpuLocalAddress = cluster is not null && Get<bool>(cluster, "use_spu_local_address", clusterWhere, "true or false"),
                // No tls table means no TLS, as in fluvio-rs.
                Tls = cluster is not null && Get<TomlTable>(cluster, "tls", clusterWhere, "a table") is { } tls
                    ? Tls(tls, $"[cluster.{clusterName}.tls]")
                    : FluvioProfileTls.Disabled,
            };
        }

        private FluvioProfileTls Tls(TomlTable tls, string where)
        {
            // The spellings fluvio-rs accepts, aliases included.
            return String(tls, "tls_policy", where) switch
            {
                "disabled" or "disable" => FluvioProfileTls.Disabled,
                "anonymous" => new FluvioProfileTls { Policy = FluvioTlsPolicy.Anonymous },
                "verified" or "verify" => Verified(tls, where),
                null => throw Invalid(path, $"{where} has no 'tls_policy'."),
                var other => throw Invalid(path, $"{where} tls_policy '{other}' is not disabled, anonymous or verified."),
            };
        }

        private FluvioProfileTls Verified(TomlTable tls, string where)
        {
            var source = String(tls, "tls_source", where) switch
            {
                "files" or "file" => FluvioTlsSource.Files,
                "inline" => FluvioTlsSource.Inline,
                null => throw Invalid(path, $"{where} has no 'tls_source' (files or inline)."),
                var other => throw Invalid(path, $"{where} tls_source '{other}' is not files or inline."),
            };
            string certsWhere = where.Replace(".tls]", ".tls.certs]");
            var certs = Get<TomlTable>(tls, "certs", where, "a table") ?? throw Invalid(path, $"{where} has no 'certs'.");
            string Required(string key) => String(certs, key, certsWhere) ?? throw Invalid(path, $"{certsWhere} has no '{key}'.");
            string Certificate(string key) => source == FluvioTlsSource.Files ? System.IO.Path.GetFullPath(Required(key), _folder) : Required(key);
            return new FluvioProfileTls
            {
                Policy = FluvioTlsPolicy.Verified,
                Source = source,
                Domain = Required("domain"),
                CaCertificate = Certificate("ca_cert"),
                ClientCertificate = Certificate("cert"),
                ClientKey = Certificate("key"),
            };
        }

        /// <summary>The named sub-tables of <paramref name="key"/> (<c>[profile.a]</c>, <c>[profile.b]</c>…).</summary>
        public IEnumerable<(string Name, TomlTable Table)> Tables(TomlTable root, string key)
        {
            foreach (var (name, value) in Get<TomlTable>(root, key, "the top level", "a table") ?? new TomlTable())
            {
                yield return value is TomlTable table ? (name, table) : throw Invalid(path, $"[{key}.{name}] must be a table.");
            }
        }

        public string? String(TomlTable table, string key, string where) => Get<string>(table, key, where, "a string");

        private int? Integer(TomlTable table, string key, string where) =>
            table.TryGetValue(key, out var value)
                ? value is long number && number is >= int.MinValue and <= int.MaxValue ? (int)number : throw Invalid(path, $"{where} {key} must be a whole number.")
                : null;

        private T? Get<T>(TomlTable table, string key, string where, string kind) =>
            !table.TryGetValue(key, out var value) ? default
            : value is T typed ? typed
            : throw Invalid(path, $"{where} {key} must be {kind}.");
    }
}
