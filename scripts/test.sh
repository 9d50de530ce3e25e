#!/usr/bin/env bash
# Runs every check of the repository from a bare checkout: installs what is missing
# (see scripts/bootstrap.sh), then lints, builds, type-checks, runs the tests in Node
# and in workerd, and checks the bundle-size budgets. Ends with one summary line.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
status=0
pnpm run check 2>&1 | tee "$log" || status=$?

# Vitest prints "Tests  N passed | M failed (T)" once per package run; add them up.
summary=$(sed 's/\x1b\[[0-9;]*m//g' "$log" | { grep -E '^\S*:?\s*Tests\s+' || true; } | awk '
  { for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed/) passed += $i; if ($(i+1) ~ /^failed/) failed += $i; if ($(i+1) ~ /^skipped/) skipped += $i } }
  END { printf "%d passed, %d failed", passed, failed; if (skipped) printf ", %d skipped", skipped }')
if [ "$status" -ne 0 ] && [[ "$summary" == *", 0 failed"* ]]; then
  # Something other than a test failed (lint, build, types, size): count it as a failure.
  summary="${summary/, 0 failed/, 1 failed}"
fi
echo
echo "tests: $summary"
exit "$status"
