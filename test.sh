#!/usr/bin/env bash
# The test command: builds everything (warnings are errors) and runs every test project.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# The pinned tools (dotnet-ef) from .config/dotnet-tools.json.
dotnet tool restore >/dev/null
dotnet build PlayDay.sln --nologo -v quiet
log=$(mktemp)
status=0
dotnet test PlayDay.sln --no-build --nologo 2>&1 | tee "$log" || status=$?

# One closing line for the whole suite, summed over the test projects.
awk '/^(Passed|Failed)!/ {
  gsub(",", ""); n++
  for (i = 1; i < NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) }
} END {
  if (n == 0) { print "tests: 0 passed, 1 failed (no test project reported)"; exit 1 }
  printf "tests: %d passed, %d failed, %d skipped\n", p, f, s
}' "$log" || status=1
rm -f "$log"
exit "$status"
