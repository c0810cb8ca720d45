#!/usr/bin/env bash
# Interop run: the official Fluvio client (@fluvio/client 0.14.9, its compiled Rust core) against
# our broker's native SC/SPU ports, plus our C# client over gRPC on the same storage.
#   1. installs the client into tests/interop/.client/ if missing (install-client.sh: npm pack, extract)
#   2. builds and starts the broker on free ports (and builds the C# gRPC peer)
#   3. runs the node:test files here, with the broker's addresses in FLUVIO_INTEROP_* variables
#   4. stops the broker; lists the native requests the official client sent
# Exit status: node's (0 when every test passed). Needs dotnet, node ≥ 20, npm.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
client_module="$("$here/install-client.sh")"

echo "interop: building the broker and the gRPC peer"
dotnet build "$root/src/Fluvio.Broker" -c Release -nologo -v q
dotnet build "$here/GrpcPeer" -c Release -nologo -v q
broker_dll="$root/artifacts/bin/Fluvio.Broker/release/fluvio-broker.dll"
peer_dll="$root/artifacts/bin/Fluvio.Interop.GrpcPeer/release/Fluvio.Interop.GrpcPeer.dll"

work="$(mktemp -d "${TMPDIR:-/tmp}/fluvio-interop.XXXXXX")"
broker_pid=""
stop_broker() {
  if [[ -n "$broker_pid" ]] && kill -0 "$broker_pid" 2>/dev/null; then
    kill -TERM "$broker_pid"
    wait "$broker_pid" || true
  fi
  broker_pid=""
}
cleanup() {
  stop_broker
  rm -rf "$work"
}
trap cleanup EXIT

FLUVIO_BROKER_TRACE_NATIVE=1 dotnet "$broker_dll" --data-dir "$work/data" --grpc-port 0 --sc-port 0 --spu-port 0 \
  >"$work/ready.jsonl" 2>"$work/broker.log" &
broker_pid=$!

for _ in $(seq 1 600); do
  if grep -q '"ready"' "$work/ready.jsonl" 2>/dev/null; then break; fi
  if ! kill -0 "$broker_pid" 2>/dev/null; then
    echo "interop: the broker exited before it was ready:" >&2
    cat "$work/broker.log" >&2
    exit 1
  fi
  sleep 0.1
done
ready="$(grep '"ready"' "$work/ready.jsonl" | head -n 1)"
field() { node -e 'process.stdout.write(String(JSON.parse(process.argv[1])[process.argv[2]]))' "$ready" "$1"; }
export FLUVIO_INTEROP_SC="$(field sc)"
export FLUVIO_INTEROP_SPU="$(field spu)"
export FLUVIO_INTEROP_GRPC="$(field grpc)"
export FLUVIO_INTEROP_DATA_DIR="$work/data"
export FLUVIO_INTEROP_PEER="$peer_dll"
export FLUVIO_INTEROP_CLIENT="$client_module"
echo "interop: broker ready: SC $FLUVIO_INTEROP_SC, SPU $FLUVIO_INTEROP_SPU, gRPC $FLUVIO_INTEROP_GRPC"

set +e
node --test --test-concurrency=1 --test-reporter=tap "$here"/*.test.mjs | tee "$work/node.tap"
status=${PIPESTATUS[0]}
set -e

stop_broker
# The official client sends client_id "fluvio" (and "dummy" on its metadata watches); the
# malformed-input tests' raw frames carry none, so they are not counted here.
echo "interop: native requests the official client sent (count, server, api_key, version):"
sed -n 's/.*trace: \([A-Z]*\) request api_key=\([0-9]*\) version=\([0-9-]*\) .*client_id=\(fluvio\|dummy\)$/\1 \2 v\3/p' "$work/broker.log" \
  | sort | uniq -c | sort -k2,2 -k3,3n
if grep -v 'trace:' "$work/broker.log" | grep -q 'Closing the connection\|unexpected failure'; then
  echo "interop: the broker closed connections on purpose (malformed-input tests) or on failure:"
  grep -v 'trace:' "$work/broker.log" | grep 'Closing the connection\|unexpected failure' | head -n 20
fi
# Close with node's own counts.
grep -E '^# (tests|pass|fail|cancelled|skipped|todo)' "$work/node.tap" || true
exit "$status"
