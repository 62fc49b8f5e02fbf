# syntax=docker/dockerfile:1
# Parley's images, one Dockerfile with a target per process:
#   docker build --target web -t parley-web .       Next.js app on port 3000
#   docker build --target worker -t parley-worker . graphile-worker; also runs `pnpm db:migrate`
# docker-compose.yml builds both. The libraries export TypeScript source and the worker and the
# migration CLI run through tsx, so the runtime images carry the installed workspace rather
# than a pruned production tree.

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

FROM base AS web
ENV NODE_ENV=production \
    PORT=3000 \
    HOSTNAME=0.0.0.0
COPY --from=web-build --chown=node:node /app /app
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=5 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/api/health`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# pnpm forwards SIGTERM to the server and waits for it (graceful shutdown).
CMD ["pnpm", "--filter", "@parley/web", "start"]

FROM base AS worker
ENV NODE_ENV=production
COPY --from=source --chown=node:node /app /app
USER node
CMD ["pnpm", "--filter", "@parley/agent", "start"]
