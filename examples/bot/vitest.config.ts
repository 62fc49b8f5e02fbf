import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    globalSetup: ["@parley/db/testing/global-setup"],
    include: ["test/**/*.test.ts", "src/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
