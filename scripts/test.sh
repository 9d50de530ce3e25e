#!/usr/bin/env bash
# Runs every check of the repository from a bare checkout: installs what is missing
# (see scripts/bootstrap.sh), then lints, builds, type-checks, runs the tests in Node
# and in workerd, and checks the bundle-size budgets. Ends with one summary line.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/bootstrap.sh

# The test Worker's browser test drives Chromium (Debian's package); install it when missing.
if [ ! -x /usr/bin/chromium ] && [ -z "${CHROMIUM_PATH:-}" ]; then
  echo "test: installing Chromium (Debian's package) for the browser test" >&2
  sudo_=""
  [ "$(id -u)" -eq 0 ] || sudo_="sudo"
  $sudo_ apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y -qq chromium >/dev/null
fi

# Sourcing bootstrap.sh from an interactive shell (as the README suggests) must leave that
# shell as it was but for PATH: its options (off or on), its directory. Checked in fresh
# bash shells, from scripts/, with the .tools directories taken off PATH.
bootstrap_leaks() { # $1: the caller's `set` options, e.g. "+euo pipefail"
  local path
  path=$(printf '%s' "$PATH" | tr ':' '\n' | { grep -v '/\.tools/' || true; } | paste -sd: -)
  (cd scripts && PATH="$path" bash --norc --noprofile -c '
    set '"$1"' pipefail
    before="$- $SHELLOPTS"
    source ./bootstrap.sh >/dev/null 2>&1 || echo "sourcing failed"
    [ "$- $SHELLOPTS" = "$before" ] || echo "options \"$before\" became \"$- $SHELLOPTS\""
    [ "${PWD##*/}" = scripts ] || echo "the directory changed to $PWD"
    node -e "process.exit(process.features.typescript ? 0 : 1)" || echo "no Node that strips types on PATH"
    pnpm --version >/dev/null || echo "no pnpm on PATH"
    exit 0
  ' 2>&1 | paste -sd';' -)
}
for options in +euo -euo; do
  leaked=$(bootstrap_leaks "$options")
  if [ -n "$leaked" ]; then
    echo "scripts/bootstrap.sh, sourced by a shell with set $options pipefail: $leaked" >&2
    echo
    echo "tests: 0 passed, 1 failed"
    exit 1
  fi
done

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
