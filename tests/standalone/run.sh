#!/usr/bin/env bash
# The module with nothing but pwsh: the seed walkthrough (examples/seed-walkthrough.ps1) in a
# self-contained pwsh 7.6.10, on a machine where no other .NET exists.
#
# Builds what it needs (run as root, on linux-x64, with the .NET SDK; clang and zlib1g-dev for
# the Native AOT broker):
#   - the module with the standalone linux-x64 broker (-p:FluvioBrokerRuntimes=linux-x64);
#   - pwsh as its installers ship it: tests/standalone/PwshHost (Microsoft.PowerShell.SDK,
#     self-contained) plus the built-in modules of the PowerShell tool in .config/dotnet-tools.json.
# Then runs the walkthrough in private mount and network namespaces (unshare -mn): tmpfs over
# every .NET installation and the NuGet package cache, DOTNET_ROOT unset, a loopback of its own
# (the walkthrough's default ports 9003/9009/9010 cannot clash with anything on the machine).
#
# FLUVIO_STANDALONE_MODULE=<folder> tests that module folder instead of building one (e.g. one
# with only the portable broker, to see the test fail). Exits non-zero unless the walkthrough
# printed alice on partition 2 (offset 0) and bob on partition 1 (offsets 0 and 1).
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if [ "$(id -u)" -ne 0 ] || ! command -v unshare >/dev/null || ! command -v ip >/dev/null; then
  echo "standalone: needs root, unshare and ip (iproute2)" >&2
  exit 1
fi

work=$repo/artifacts/standalone
rm -rf "$work"
mkdir -p "$work"

echo "== pwsh 7.6.10, self-contained"
dotnet tool restore >/dev/null
tool_pshome=$(dotnet pwsh -NoProfile -NonInteractive -Command '$PSHOME')
dotnet publish tests/standalone/PwshHost -c Release -r linux-x64 -o "$work/pwsh" -nologo -v quiet
cp -r "$tool_pshome/Modules" "$work/pwsh/Modules"

if [ -n "${FLUVIO_STANDALONE_MODULE:-}" ]; then
  module=$(cd "$FLUVIO_STANDALONE_MODULE" && pwd)
else
  echo "== the module, with the standalone linux-x64 broker"
  module=$work/Fluvio
  dotnet publish src/Fluvio.PowerShell -c Release -o "$module" -p:FluvioBrokerRuntimes=linux-x64 -nologo -v quiet
fi
echo "module: $module"

echo "== a test SmartModule (the map of Fluvio.Testing's TestSmartModules, upper-casing values)"
dotnet build tests/interop/GrpcPeer -c Release -nologo -v quiet
smartmodule=$work/upper.wasm
dotnet artifacts/bin/Fluvio.Interop.GrpcPeer/release/Fluvio.Interop.GrpcPeer.dll wasm - Map "$smartmodule" >/dev/null
ls -l "$module/broker/linux-x64" 2>/dev/null || echo "(no standalone broker in $module/broker)"

# Everything that holds a .NET, or could pass for one.
hidden=(/usr/share/dotnet /usr/lib/dotnet /usr/lib64/dotnet /usr/local/share/dotnet /opt/dotnet "$HOME/.dotnet")
if [ -n "${DOTNET_ROOT:-}" ]; then hidden+=("$DOTNET_ROOT"); fi
dotnet_dir=$(dirname "$(readlink -f "$(command -v dotnet)")")
hidden+=("$dotnet_dir")
packages=$(dotnet nuget locals global-packages --list | sed -n 's/^global-packages: //p')
hidden+=("${packages:-$HOME/.nuget/packages}")
mapfile -t hidden < <(printf '%s\n' "${hidden[@]%/}" | awk '!seen[$0]++')

echo "== walkthrough, with no .NET but pwsh's own"
out=$work/walkthrough.out
set +e
env -u DOTNET_ROOT -u DOTNET_ROOT_X64 -u DOTNET_HOST_PATH -u MSBuildExtensionsPath -u MSBUILD_EXE_PATH \
  NO_COLOR=1 FLUVIO_POWERSHELL_HOME="$work/home" FLUVIO_SMARTMODULE="$smartmodule" PWSH="$work/pwsh/pwsh" WALKTHROUGH="$repo/tests/standalone/walkthrough.ps1" FLUVIO_MODULE="$module" \
  unshare -m -n bash -c '
    set -eu
    mount --make-rprivate /
    for dir in "$@"; do
      if [ -d "$dir" ]; then mount -t tmpfs -o size=1m tmpfs "$dir"; fi
    done
    ip link set lo up
    # The proof that nothing else is there: no dotnet host anywhere on PATH or in the usual places.
    if command -v dotnet >/dev/null 2>&1; then echo "a dotnet is still reachable: $(command -v dotnet)" >&2; exit 3; fi
    for dir in "$@"; do
      if [ -d "$dir" ] && [ -n "$(ls -A "$dir")" ]; then echo "$dir is not hidden" >&2; exit 3; fi
    done
    echo "no dotnet on PATH; hidden: $*"
    exec "$PWSH" -NoProfile -NonInteractive -File "$WALKTHROUGH"
  ' standalone "${hidden[@]}" 2>&1 | tee "$out"
status=${PIPESTATUS[0]}
set -e

# The walkthrough's record table: Partition, Offset, Timestamp, Key, Value.
failures=()
[ "$status" -eq 0 ] || failures+=("the walkthrough exited with $status")
grep -Eq '^\s*2\s+0\s.*\balice\s+Deposit 100\.00' "$out" || failures+=("alice is not at partition 2, offset 0")
grep -Eq '^\s*1\s+0\s.*\bbob\s+Withdraw 50\.00' "$out" || failures+=("bob's first record is not at partition 1, offset 0")
grep -Eq '^\s*1\s+1\s.*\bbob\s+Withdraw 25\.00' "$out" || failures+=("bob's second record is not at partition 1, offset 1")
grep -Fq 'smartmodule map: WITHDRAW 50.00, WITHDRAW 25.00, DEPOSIT 100.00' "$out" || failures+=("the SmartModule map did not run on the standalone broker")

if [ ${#failures[@]} -gt 0 ]; then
  printf 'standalone: FAILED: %s\n' "${failures[@]}" >&2
  if [ -f "$work/home/broker.log" ]; then echo "--- broker.log"; tail -n 20 "$work/home/broker.log"; fi
  echo "standalone: 0 passed, 1 failed"
  exit 1
fi
echo "standalone: 1 passed, 0 failed"
