/**
 * `pnpm start` (packages/scripts/src/app.ts) is either all up or all stopped: when the worker
 * dies, the web server is stopped too and the command fails; a SIGTERM to the command stops
 * both gracefully. Run on what test:e2e's build made (`--no-build`), on a database of its own.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "@playwright/test";
import { findRepoRoot } from "@parley/db/harness";
import { freePort, ownDatabase } from "./own-database";

const root = findRepoRoot(path.resolve(path.dirname(fileURLToPath(import.meta.url)), ".."));

let database: Awaited<ReturnType<typeof ownDatabase>> | undefined;
const started: ChildProcess[] = [];

test.beforeAll(async () => {
  database = await ownDatabase("whole_app");
});

test.afterAll(async () => {
  for (const child of started)
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await database?.stop();
});

/** `pnpm start --no-build` as app.ts runs it; resolves once both processes are up, with their pids. */
async function startApp() {
  const port = await freePort();
  const app = spawn(
    process.execPath,
    ["--import", "tsx", "packages/scripts/src/app.ts", "start", "--no-build"],
    {
      cwd: root,
      stdio: ["ignore", "pipe", "inherit"],
      env: {
        ...process.env,
        DATABASE_URL: database!.url,
        PORT: String(port),
        PUBLIC_URL: `http://127.0.0.1:${port}`,
        APP_SECRET_KEY: randomBytes(32).toString("base64url"),
        STORAGE_LOCAL_DIR: path.join(database!.dir, "uploads"),
        AGENT_PROVIDER: "offline",
        LOG_LEVEL: "warn",
        NEXT_TELEMETRY_DISABLED: "1",
      },
    },
  );
  started.push(app);
  const exited = once(app, "exit") as Promise<[number | null, NodeJS.Signals | null]>;
  let output = "";
  await new Promise<void>((resolve, reject) => {
    app.stdout.on("data", (chunk: Buffer) => {
      output += String(chunk);
      if (/\[app\] worker: .*\(pid \d+\)/.test(output) && output.includes("> Ready on")) resolve();
    });
    app.once("exit", (code) =>
      reject(new Error(`pnpm start exited (${code}) before it was up: ${output}`)),
    );
  });
  const pid = (name: string) =>
    Number(new RegExp(`\\[app\\] ${name}: .*\\(pid (\\d+)\\)`).exec(output)?.[1]);
  return { app, exited, web: pid("web"), worker: pid("worker"), output: () => output };
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

test("when the worker dies, pnpm start stops the web server too and fails", async () => {
  test.setTimeout(120_000);
  const { exited, web, worker, output } = await startApp();
  expect(alive(web) && alive(worker)).toBe(true);
  process.kill(worker, "SIGKILL");
  const [code] = await exited;
  expect(code).not.toBe(0);
  expect(output()).toContain("[app] worker stopped (SIGKILL): stopping the others");
  expect(alive(web)).toBe(false);
});

test("SIGTERM to pnpm start stops the web server and the worker gracefully", async () => {
  test.setTimeout(120_000);
  const { app, exited, web, worker } = await startApp();
  app.kill("SIGTERM");
  const [code, signal] = await exited;
  expect({ code, signal }).toEqual({ code: 0, signal: null });
  expect(alive(web) || alive(worker)).toBe(false);
});
