#!/usr/bin/env bash
# The test command: builds everything (warnings are errors), runs every test project on SQLite, then the
# HTTP suite again on PostgreSQL (a throwaway cluster the tests start on loopback and remove afterwards).
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# The pinned tools (dotnet-ef) from .config/dotnet-tools.json.
dotnet tool restore >/dev/null
dotnet build PlayDay.sln --nologo -v quiet
log=$(mktemp)
status=0
dotnet test PlayDay.sln --no-build --nologo 2>&1 | tee "$log" || status=$?

# The same HTTP suite with every app on a database of its own in PostgreSQL (tests/PlayDay.Web.Tests/Data/TestDatabaseServer.cs),
# less what is about SQLite itself (Database=Sqlite) and the browser tests (Browser=Chromium), which show nothing new there.
echo "The HTTP suite on PostgreSQL:"
PLAYDAY_TEST_DATABASE=PostgreSQL dotnet test tests/PlayDay.Web.Tests --no-build --nologo --filter "Database!=Sqlite&Browser!=Chromium" 2>&1 | tee -a "$log" || status=$?

# One closing line for both runs, summed over the test projects.
awk '/^(Passed|Failed)!/ {
  gsub(",", ""); n++
  for (i = 1; i < NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) }
} END {
  if (n < 2) { print "tests: 0 passed, 1 failed (a test run did not report)"; exit 1 }
  printf "tests: %d passed, %d failed, %d skipped\n", p, f, s
}' "$log" || status=1
rm -f "$log"
exit "$status"
