# syntax=docker/dockerfile:1
# Parley's images, one Dockerfile with a target per process:
#   docker build --target web -t parley-web .       Next.js app on port 3000
#   docker build --target worker -t parley-worker . graphile-worker; also runs `pnpm db:migrate`
# docker-compose.yml builds both. `pnpm build` compiles the web's custom server
# (apps/web/dist/main.js) and the worker (packages/agent/dist/worker.js) to JavaScript that
# `node` runs as PID 1, so `docker stop`'s SIGTERM reaches the process whose graceful shutdown
# handles it (no pnpm, turbo or tsx in between). The bundles import the installed packages
# where pnpm put them, so the runtime images carry the installed workspace rather than a pruned
# production tree (the one-shot migration still runs its CLI through tsx).

ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS base
ENV CI=true \
    NEXT_TELEMETRY_DISABLED=1 \
    TURBO_TELEMETRY_DISABLED=1 \
    DO_NOT_TRACK=1
# pnpm 12 from the npm registry; no `packageManager` field or corepack (pnpm 12 rejects it).
RUN npm install --global --no-fund --no-audit --loglevel=error pnpm@12 \
 && pnpm --version
WORKDIR /app

# Every dependency, downloaded from the lockfile alone: this layer survives source changes.
FROM base AS fetch
COPY pnpm-lock.yaml pnpm-workspace.yaml .npmrc ./
RUN --mount=type=cache,id=parley-pnpm-store,target=/pnpm/store \
    pnpm fetch --frozen-lockfile --store-dir /pnpm/store

# The workspace, installed (copied out of the cache mount, so node_modules lives in the
# layer) with the generated Prisma client.
FROM fetch AS source
COPY . .
RUN --mount=type=cache,id=parley-pnpm-store,target=/pnpm/store \
    pnpm install --frozen-lockfile --prefer-offline --store-dir /pnpm/store --package-import-method=copy
RUN pnpm --filter @parley/db generate

FROM source AS web-build
RUN pnpm --filter @parley/web build

FROM source AS worker-build
RUN pnpm --filter @parley/agent build

FROM base AS web
ENV NODE_ENV=production \
    PORT=3000 \
    HOSTNAME=0.0.0.0
COPY --from=web-build --chown=node:node /app /app
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=5 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/api/health`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node itself is PID 1 and gets SIGTERM: WebSockets close with 1001, live streams end, then it exits.
CMD ["node", "apps/web/dist/main.js", "--hostname", "0.0.0.0"]

FROM base AS worker
ENV NODE_ENV=production
COPY --from=worker-build --chown=node:node /app /app
USER node
# SIGTERM goes to node itself: running jobs get WORKER_SHUTDOWN_ABORT_MS to finish.
CMD ["node", "packages/agent/dist/worker.js"]
