#!/usr/bin/env bash
# `bash scripts/with-node.sh COMMAND [ARGS...]`: runs COMMAND the way `npm start` and `npm test` run
# theirs, whatever Node the shell has: on Node 22 (fetched into the cache where the machine's Node
# is another major), with the npm dependencies installed and better-sqlite3 built for that Node.
# The documented npm scripts (serve, core, simulate, broker, router, bench*, fuzz, torture, the
# test tiers) go through it, so a machine with Node 20.19+ runs them without knowing any of this.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/ensure.sh

[ $# -gt 0 ] || die "usage: bash scripts/with-node.sh COMMAND [ARGS...]"
# What the set-up says goes to stderr, and only when it does something: the command's own output
# (a bootstrap address, a pairing link, a figure) is what scripts and people read on stdout.
KDS_ENSURE_QUIET=1
{
  ensure_node
  ensure_npm_deps
  ensure_native_modules
} >&2
# npm run puts node_modules/.bin on PATH already; a direct call gets it here (it holds no `node`,
# so a tool's `#!/usr/bin/env node` still finds the Node chosen above).
export PATH="$PWD/node_modules/.bin:$PATH"
exec "$@"
