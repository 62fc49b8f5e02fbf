import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "src/**/*.test.ts"],
    // The pathological-input test is CPU-bound; a loaded machine must not fail it.
    testTimeout: 60_000,
  },
});
