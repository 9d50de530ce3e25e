#!/usr/bin/env bash
# Runs every check of the repository from a bare checkout: installs what is
# missing (see scripts/bootstrap.sh), then builds, type-checks, lints, runs the
# tests in Node and in workerd, and checks the bundle-size budgets.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
pnpm run check
