#!/usr/bin/env bash
# Runs every test of CampusCompanion: unit, transcript, loopback HTTP and published-build tests (dotnet), then the
# conformance tests with Microsoft's DirectLineJS and the browser tests with Web Chat in chromium (node).
# Needs: the .NET 10 SDK, Node.js with npm, redis-server and chromium (Debian: apt-get install redis-server chromium).
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0

dotnet build CampusCompanion.sln --nologo -v quiet
dotnet test CampusCompanion.sln --no-build --nologo 2>&1 | tee -a "$log" || status=$?

if [ ! -f tests/node/node_modules/.package-lock.json ] || [ tests/node/package-lock.json -nt tests/node/node_modules/.package-lock.json ]; then
  (cd tests/node && npm ci --ignore-scripts --no-audit --no-fund)
fi
(cd tests/node && CC_CONFIGURATION=Debug node --test --test-concurrency=1 --test-reporter=tap ./*.test.mjs) 2>&1 | tee -a "$log" || status=$?

# One closing line for people and CI alike, summed over dotnet and node.
awk '/(Passed|Failed)!/ { for (i = 1; i <= NF; i++) { gsub(",", "", $(i+1)); if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
     /^# pass / { p += $3 } /^# fail / { f += $3 } /^# skipped / { s += $3 }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit $status
