#!/usr/bin/env bash
# Exercises the Dockerfile's recipe without a Docker engine: in a fresh clone, run the build
# stage's steps, assemble the runtime stage from the Dockerfile's own `COPY --from=build` lines into
# an empty folder, start `node dist/src/main.js` there with production dependencies only, and
# expect /healthz to answer. Prints "image check: ok" and exits 0 on success.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

git clone -q "$repo" "$work/build"
cd "$work/build"
# The build stage, step for step.
npm ci --ignore-scripts --no-audit --no-fund >/dev/null
npm rebuild bcrypt better-sqlite3 >/dev/null
npm run build >/dev/null
npm prune --omit=dev --ignore-scripts --no-audit --no-fund >/dev/null

# The runtime stage: only what the Dockerfile copies.
mkdir -p "$work/app"
grep -E '^COPY --from=build ' "$repo/Dockerfile" | while read -r _ _ src dest; do
  src=${src#/app/}
  dest=${dest#./}
  mkdir -p "$work/app/$(dirname "$dest")"
  cp -a "$work/build/$src" "$work/app/$dest"
done
[ ! -e "$work/app/node_modules/typescript" ] || { echo "image check: dev dependencies left in the runtime image"; exit 1; }

port=$(node -e 'const s=require("net").createServer().listen(0,()=>{console.log(s.address().port);s.close()})')
cd "$work/app"
NODE_ENV=production PORT=$port DATA_DIR="$work/app/data" KEYS_DIR="$work/app/keys" LOG_LEVEL=warn node dist/src/main.js >"$work/server.log" 2>&1 &
pid=$!
for _ in $(seq 1 60); do
  if curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then
    curl -fsS "http://127.0.0.1:$port/.well-known/openid-configuration" >/dev/null
    kill -TERM "$pid"; wait "$pid" || { echo "image check: server did not stop cleanly"; exit 1; }
    pid=""
    echo "image check: ok"
    exit 0
  fi
  kill -0 "$pid" 2>/dev/null || break
  sleep 1
done
echo "image check: /healthz never answered"; cat "$work/server.log"; exit 1
