#!/usr/bin/env bash
# The project's main job: the test Worker (apps/test-worker) on `wrangler dev`, with the
# local Workers AI emulator bound as `AI`, on 127.0.0.1, offline. Installs what is missing
# (scripts/bootstrap.sh), builds the packages the Worker uses, then serves it; wrangler
# prints the URL ("Ready on http://127.0.0.1:8787"). Extra arguments go to wrangler dev,
# e.g. `./scripts/dev.sh --port 9000`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/bootstrap.sh
pnpm exec turbo run build --filter='test-worker^...' --output-logs=errors-only
echo "dev: starting the test Worker with the local Workers AI emulator (Ctrl+C stops it)" >&2
exec pnpm --filter test-worker run dev "$@"
