# syntax=docker/dockerfile:1
# Twofold image: build with the full toolchain, run on a slim image with production dependencies
# only, as a non-root user. scripts/image-check.sh replays the same steps without Docker (CI runs it),
# reading the runtime `COPY --from=<stage>` lines below, so keep them one per line and in this form.
#
# Node 24 LTS: the newest LTS line better-sqlite3 12 builds for (13 needs Node >= 22, and the
# development machines still run Node 20).
ARG NODE_IMAGE=node:24-bookworm-slim

# Production dependencies only, native addons (bcrypt, better-sqlite3) compiled for this image.
# A separate install rather than `npm prune`: prune keeps dev packages that a production package
# lists as an optional peer (typescript, the prisma CLI), which the lockfile marks devOptional:
# hence --omit=optional too (no production dependency is optional).
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --omit=optional --ignore-scripts --no-audit --no-fund && npm rebuild bcrypt better-sqlite3

# TypeScript to JavaScript.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY interactions ./interactions
COPY prisma ./prisma
RUN npm run build

FROM ${NODE_IMAGE}
# The allocator settings `npm start` gives (package.json): glibc keeps at most two malloc arenas
# instead of one per thread that ever allocated (V8's compiler and GC threads, libuv's pool, the
# checkpoint thread), and gives freed memory back above a fixed 128 KiB instead of a threshold that
# grows with every large block freed: ~20 MiB less for an idle worker (README, Performance).
ENV NODE_ENV=production \
    PORT=3000 \
    DATA_DIR=/app/data \
    KEYS_DIR=/app/keys \
    MALLOC_ARENA_MAX=2 \
    MALLOC_TRIM_THRESHOLD_=131072
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/prisma/migrations ./prisma/migrations
COPY --from=build /app/interactions/static ./interactions/static
COPY --from=build /app/src/accounts/common-passwords.txt ./src/accounts/common-passwords.txt
RUN mkdir -p /app/data /app/keys && chown node:node /app/data /app/keys && chmod 700 /app/data /app/keys
USER node
VOLUME ["/app/data", "/app/keys"]
EXPOSE 3000
# Metrics are off by default. To scrape them set METRICS_PORT=9464 and METRICS_HOST=0.0.0.0 (the
# default, loopback, is unreachable from outside the container); deliberately not EXPOSEd, so that
# `docker run -P` never publishes them beside the public port.
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Admin commands: docker exec <container> node dist/src/cli/main.js --help
# As `npm start`.
CMD ["node", "dist/src/main.js"]
