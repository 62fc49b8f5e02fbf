import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

// A bad setting must stop `pnpm dev`/`pnpm start` before anything starts, with one line that
// names the variable, and each process started on its own must do the same (no stack trace).
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const bad = { LOG_LEVEL: "loud", APP_SECRET_KEY: "short" };

function run(cwd: string, args: string[], env: Record<string, string>) {
  const result = spawnSync(process.execPath, ["--import", "tsx", ...args], {
    cwd,
    env: { ...process.env, ...env },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, lines: result.stderr.trim().split("\n") };
}

describe("a bad setting", () => {
  for (const mode of ["dev", "start"])
    it(`stops pnpm ${mode} with one line naming each bad variable, before anything starts`, () => {
      const { code, stdout, lines } = run(root, ["packages/scripts/src/app.ts", mode], bad);
      expect(code).toBe(1);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^\[app\] Invalid configuration: .*; nothing was started$/);
      expect(lines[0]).toContain("LOG_LEVEL: Invalid option");
      expect(lines[0]).toContain("APP_SECRET_KEY: must be at least 32 characters");
      // No build, no database, no process.
      expect(stdout).toBe("");
    }, 60_000);

  it("stops the worker on its own with one line, no stack trace", () => {
    const { code, lines } = run(path.join(root, "packages/agent"), ["src/worker.ts"], bad);
    expect(code).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\[worker\] Invalid configuration: /);
    expect(lines[0]).toContain("LOG_LEVEL: Invalid option");
    expect(lines[0]).toContain("APP_SECRET_KEY: ");
  }, 60_000);

  it("stops the web server on its own with one line, no stack trace", () => {
    const { code, lines } = run(path.join(root, "apps/web"), ["server/main.ts"], bad);
    expect(code).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\[web\] Invalid configuration: /);
    expect(lines[0]).toContain("LOG_LEVEL: Invalid option");
    expect(lines[0]).toContain("APP_SECRET_KEY: must be at least 32 characters");
  }, 60_000);
});
