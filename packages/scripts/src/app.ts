/**
 * `pnpm dev` and `pnpm start`: the whole app as one command that is either fully up or stopped.
 *
 *   tsx src/app.ts dev     generate the Prisma client, then web (Next dev) + worker (restarted
 *                          when its source changes)
 *   tsx src/app.ts start   build, then the compiled web server and worker with `node`
 *                          (`--no-build`: run what was built before)
 *
 * In order: every setting of every process is validated (one line naming each bad variable,
 * and nothing starts); the build step runs; the database is opened (embedded under .data
 * unless DATABASE_URL is set) and migrated; then the processes start, each a direct child
 * running `node` (no tsx, pnpm or turbo between a signal and the process that handles it).
 * When one of them stops on its own, the others are stopped and the command exits with its
 * code: never half an app. SIGINT/SIGTERM/SIGHUP are passed to every process once, the
 * command waits for them, then stops the embedded PostgreSQL.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, watch, type FSWatcher } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { workerEnvSchemas } from "@parley/agent/env";
import { checkEnv, ConfigError, migrateAll } from "@parley/db";
import { findRepoRoot, openDevDatabase } from "@parley/db/harness";
import { webEnvSchemas } from "../../../apps/web/src/env";
import { type AppMode, type AppProcess, processesFor } from "./app-processes";

const root = findRepoRoot(path.dirname(fileURLToPath(import.meta.url)));
const say = (line: string) => console.log(`[app] ${line}`);

/** Every process's settings at once, before anything starts: one line, each bad variable named. */
function preflight(): boolean {
  try {
    checkEnv([...webEnvSchemas, ...workerEnvSchemas]);
    return true;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`[app] ${error.message} (see .env.example); nothing was started`);
    return false;
  }
}

function runStep(description: string, command: string, args: string[]): boolean {
  say(description);
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit" });
  return result.status === 0;
}

async function main(mode: AppMode): Promise<number> {
  if (!preflight()) return 1;
  const turbo = path.join(root, "node_modules", ".bin", "turbo");
  const step =
    mode === "start"
      ? skipBuild ||
        runStep("building the web app and the worker", turbo, [
          "run",
          "build",
          "--filter=@parley/web",
          "--filter=@parley/agent",
          "--output-logs=errors-only",
        ])
      : runStep("generating the Prisma client", turbo, [
          "run",
          "generate",
          "--output-logs=errors-only",
        ]);
  if (!step) return 1;
  const apps = processesFor(mode, root);
  for (const app of apps) {
    const entry = app.args.find((a) => a.endsWith(".js"));
    if (entry && !existsSync(path.join(app.cwd, entry))) {
      console.error(`[app] ${path.join(app.cwd, entry)} is missing: run pnpm build`);
      return 1;
    }
  }

  const database = await openDevDatabase();
  try {
    const { applied } = await migrateAll(database.url);
    say(
      `database ${database.embedded ? "embedded PostgreSQL (data in .data/postgres)" : "from DATABASE_URL"}${applied.length ? `, applied ${applied.join(", ")}` : ""}`,
    );
  } catch (error) {
    await database.stop();
    throw error;
  }

  const children = new Map<AppProcess["name"], ChildProcess>();
  const watchers: FSWatcher[] = [];
  let stopping = false;
  let exitCode = 0;
  let settle: () => void = () => undefined;
  const allStopped = new Promise<void>((resolve) => (settle = resolve));

  const stopAll = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    for (const w of watchers) w.close();
    for (const child of children.values()) child.kill(signal);
    // Whatever does not stop in time is killed, so the command always ends.
    setTimeout(() => {
      for (const child of children.values()) child.kill("SIGKILL");
    }, 20_000).unref();
    if (children.size === 0) settle();
  };

  const launch = (app: AppProcess) => {
    // A process group of its own: a terminal's Ctrl-C reaches this supervisor, which passes it
    // on once (a second SIGINT would cut a graceful shutdown short).
    const child = spawn(process.execPath, app.args, {
      cwd: app.cwd,
      env: { ...process.env, DATABASE_URL: database.url, ...app.env },
      stdio: "inherit",
      detached: true,
    });
    children.set(app.name, child);
    say(`${app.name}: node ${app.args.join(" ")} (pid ${child.pid ?? "?"})`);
    child.once("exit", (code, signal) => {
      if (children.get(app.name) === child) children.delete(app.name);
      if (restarting.has(app.name)) {
        restarting.delete(app.name);
        if (!stopping) launch(app);
        return;
      }
      if (!stopping) {
        say(`${app.name} stopped (${signal ?? `code ${code ?? "?"}`}): stopping the others`);
        exitCode = code ?? 1;
        stopAll("SIGTERM");
      } else if (code !== 0 && code !== null) exitCode ||= code;
      if (children.size === 0) settle();
    });
  };

  const restarting = new Set<AppProcess["name"]>();
  for (const app of apps) {
    launch(app);
    let timer: NodeJS.Timeout | undefined;
    for (const dir of app.watch ?? []) {
      watchers.push(
        watch(dir, { recursive: true }, (_event, file) => {
          if (stopping || !file || file.includes("generated") || !/\.(ts|json)$/.test(file)) return;
          clearTimeout(timer);
          timer = setTimeout(() => {
            const child = children.get(app.name);
            if (!child || stopping) return;
            say(`${app.name}: ${file} changed, restarting`);
            restarting.add(app.name);
            child.kill("SIGTERM");
          }, 300);
        }),
      );
    }
  }

  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const)
    process.on(signal, () => stopAll(signal));
  await allStopped;
  if (database.startedHere) say("stopping the embedded PostgreSQL");
  await database.stop();
  return exitCode;
}

const [mode, ...flags] = process.argv.slice(2);
// `start --no-build`: what is in dist/ and .next already (a deploy that built earlier).
const skipBuild = flags.includes("--no-build");
if ((mode !== "dev" && mode !== "start") || flags.some((f) => f !== "--no-build")) {
  console.error("Usage: app.ts dev | app.ts start [--no-build]");
  process.exit(2);
}
main(mode).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`[app] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
