#!/usr/bin/env bash
# Exercises the Dockerfile's recipe without a Docker engine: in a fresh clone, run the `deps` and
# `build` stages' steps in two folders, assemble the runtime stage from the Dockerfile's own
# `COPY --from=<stage>` lines into an empty folder, start the image's own CMD there with
# production dependencies only, and expect /healthz and discovery to answer and SIGTERM to stop it.
# Prints "image check: ok" and exits 0 on success.
# IMAGE_CHECK_PREBUILDS may name a folder of native addons already compiled on this machine, in
# prebuild-install's format (better-sqlite3-v<version>-node-v<abi>-<platform>-<arch>.tar.gz):
# .ci/run passes its own build, so the deps stage's `npm rebuild` installs that (prebuild-install
# loads it to check it) instead of compiling SQLite a second time. A name that does not match the
# package's version and this Node is ignored, and the addon is compiled as in the Dockerfile.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
pid=""
cleanup() { if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; fi; rm -rf "$work"; }
trap cleanup EXIT
quiet() { "$@" >"$work/step.log" 2>&1 || { echo "image check: '$*' failed:"; tail -30 "$work/step.log"; exit 1; }; }

git clone -q "$repo" "$work/deps"
git clone -q "$repo" "$work/build"

# Stage deps.
cd "$work/deps"
quiet npm ci --omit=dev --omit=optional --ignore-scripts --no-audit --no-fund --prefer-offline
if [ -n "${IMAGE_CHECK_PREBUILDS:-}" ] && [ -d "$IMAGE_CHECK_PREBUILDS" ]; then
  mkdir -p node_modules/better-sqlite3/prebuilds
  cp "$IMAGE_CHECK_PREBUILDS"/better-sqlite3-*.tar.gz node_modules/better-sqlite3/prebuilds/ 2>/dev/null || true
fi
quiet npm rebuild bcrypt better-sqlite3
# Stage build.
cd "$work/build"
quiet npm ci --ignore-scripts --no-audit --no-fund --prefer-offline
quiet npm run build

# The runtime stage: only what the Dockerfile copies.
mkdir -p "$work/app"
grep -E '^COPY --from=[a-z]+ ' "$repo/Dockerfile" | while read -r _ from src dest; do
  stage=${from#--from=}
  src=${src#/app/}
  dest=${dest#./}
  mkdir -p "$work/app/$(dirname "$dest")"
  cp -a "$work/$stage/$src" "$work/app/$dest"
done
for dev in typescript jest prisma ts-jest; do
  [ ! -e "$work/app/node_modules/$dev" ] || { echo "image check: dev dependency $dev is in the runtime image"; exit 1; }
done

port=$(node -e 'const s=require("net").createServer().listen(0,()=>{console.log(s.address().port);s.close()})')
cd "$work/app"
# The image's own command (its last CMD line, exec form), flags and all.
read -r -a command < <(sed -n 's/^CMD \(\[.*\]\)$/\1/p' "$repo/Dockerfile" | tail -1 | node -e 'console.log(JSON.parse(require("fs").readFileSync(0, "utf8")).join(" "))')
# The runtime stage's environment (its ENV lines, continuations joined; the allocator settings
# among them), then this check's own port and folders.
mapfile -t image_env < <(node -e '
  const file = require("fs").readFileSync(process.argv[1], "utf8");
  const runtime = file.slice(file.lastIndexOf("\nFROM ")).replace(/\\\n/g, " ");
  for (const [, pairs] of runtime.matchAll(/^ENV (.*)$/gm)) for (const [pair] of pairs.matchAll(/[A-Za-z_]\w*=\S*/g)) console.log(pair);
' "$repo/Dockerfile")
env "${image_env[@]}" NODE_ENV=production PORT=$port DATA_DIR="$work/app/data" KEYS_DIR="$work/app/keys" LOG_LEVEL=warn "${command[@]}" >"$work/server.log" 2>&1 &
pid=$!
for _ in $(seq 1 60); do
  if curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then
    curl -fsS "http://127.0.0.1:$port/.well-known/openid-configuration" >/dev/null
    node dist/src/cli/main.js --help >/dev/null
    kill -TERM "$pid"
    wait "$pid" || { echo "image check: the server did not stop cleanly on SIGTERM"; cat "$work/server.log"; exit 1; }
    pid=""
    echo "image check: ok"
    exit 0
  fi
  kill -0 "$pid" 2>/dev/null || break
  sleep 1
done
echo "image check: /healthz never answered"
cat "$work/server.log"
exit 1
