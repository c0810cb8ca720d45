#!/usr/bin/env bash
# Installs the official Fluvio client (@fluvio/client 0.14.9, whose dist/linux/index.node is the
# compiled Rust client, fluvio v0.11.11) into tests/interop/.client/ unless it is there already:
# `npm pack` fetches the tarball from the npm registry, tar extracts it. Used by run.sh and by
# the benchmark (bench/Fluvio.Bench, case 4). Prints the module's path. Needs npm.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
client_version="0.14.9"
client_dir="$here/.client"
client_module="$client_dir/package/dist/linux/index.node"

if [[ ! -f "$client_module" ]]; then
  echo "interop: installing @fluvio/client@$client_version into $client_dir" >&2
  mkdir -p "$client_dir"
  (cd "$client_dir" && npm pack "@fluvio/client@$client_version" --silent >/dev/null && tar xzf "fluvio-client-$client_version.tgz")
fi
echo "$client_module"
