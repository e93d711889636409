#!/usr/bin/env bash
# Runs every test of CampusCompanion: unit, transcript, loopback HTTP and published-build tests.
set -euo pipefail
cd "$(dirname "$0")"

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test CampusCompanion.sln --nologo 2>&1 | tee "$log" || status=$?

# One closing line for people and CI alike, summed over the test projects.
awk '/(Passed|Failed)!/ {
       for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) }
     }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log" | tr -d ','  | sed 's/ passed / passed, /; s/ failed / failed, /'
exit $status
