#!/usr/bin/env bash
# Issue 14: Export-FluvioTopic and Import-FluvioTopic stream; they never hold a topic in memory.
# Sends N records (default 10,000,000 of ~30 B) to a local cluster, then exports the topic and
# imports the file into a second topic, each in its own pwsh whose peak RSS (VmHWM, from
# /usr/bin/time) is printed beside the records/s. Run it at two sizes: a flat peak is the claim.
#   bash bench/scripts/export-import-memory.sh 1000000
#   bash bench/scripts/export-import-memory.sh 10000000
# Needs the published module (dotnet pwsh ./build.ps1 -Task Build) and about 2 GB of disk per 10 M.
set -euo pipefail
cd "$(dirname "$0")/../.."
count=${1:-10000000}
work=$(mktemp -d /tmp/fluvio-export-memory.XXXXXX)
trap 'FLUVIO_POWERSHELL_HOME="$work/home" dotnet pwsh -NoProfile -c "Import-Module ./out/Fluvio/Fluvio.psd1; Stop-FluvioLocalCluster -Confirm:\$false" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
export FLUVIO_POWERSHELL_HOME="$work/home"

awk -v n="$count" 'BEGIN { for (i = 0; i < n; i++) printf "key%d=value %d of the export memory run\n", i % 1000, i }' > "$work/lines.txt"
dotnet pwsh -NoProfile -c "
  \$ErrorActionPreference = 'Stop'
  Import-Module ./out/Fluvio/Fluvio.psd1
  \$c = Start-FluvioLocalCluster -Port 0 -ScPort 0 -SpuPort 0
  New-FluvioTopic -Name source -Partitions 3 | Out-Null
  New-FluvioTopic -Name target -Partitions 3 | Out-Null
  Send-FluvioRecord -Topic source -Path '$work/lines.txt' -KeySeparator '='
  'sent: ' + ((Get-FluvioPartition -Topic source | Measure-Object -Property EndOffset -Sum).Sum)"

# One pwsh per step: its peak RSS is the step's.
step() {
  local name=$1 script=$2
  local started=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$work/$name.rss" dotnet pwsh -NoProfile -c "\$ErrorActionPreference = 'Stop'; \$ProgressPreference = 'SilentlyContinue'; Import-Module ./out/Fluvio/Fluvio.psd1; $script"
  local seconds=$(echo "$(date +%s.%N) - $started" | bc)
  printf '%s: %d records in %.1f s (%.0f records/s), peak RSS %d MiB\n' "$name" "$count" "$seconds" "$(echo "$count / $seconds" | bc -l)" "$(( $(cat "$work/$name.rss") / 1024 ))"
}
step export "Export-FluvioTopic -Topic source -Path '$work/source.jsonl'"
step import "Import-FluvioTopic -Topic target -Path '$work/source.jsonl'"
step export-again "Export-FluvioTopic -Topic target -Path '$work/target.jsonl'"
echo "file: $(( $(stat -c %s "$work/source.jsonl") / 1024 / 1024 )) MiB, $(wc -l < "$work/source.jsonl") lines; export, import into an empty topic, export: $(cmp -s "$work/source.jsonl" "$work/target.jsonl" && echo identical files || echo files differ)"
