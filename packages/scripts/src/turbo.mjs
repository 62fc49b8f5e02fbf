// @ts-check
// Runs turbo from the repository's own node_modules and reads back what each task did
// (from `--dry=json` before a run and the `--summarize` file after it).
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/**
 * @typedef {object} PlannedTask
 * @property {string} taskId     "@parley/api#test"
 * @property {string} task       "test"
 * @property {string} packageName "@parley/api"
 * @property {string} directory  absolute path of the package
 */

/** @param {string} root */
function turboBin(root) {
  const bin = path.join(root, "node_modules", ".bin", "turbo");
  if (!existsSync(bin)) throw new Error(`turbo is not installed at ${bin}: run pnpm install first`);
  return bin;
}

/**
 * The tasks turbo would run for these task names, leaving out packages whose
 * package.json has no such script (turbo marks them "<NONEXISTENT>").
 * @param {string} root
 * @param {string[]} tasks
 * @param {NodeJS.ProcessEnv} env
 * @returns {PlannedTask[]}
 */
export function planTasks(root, tasks, env) {
  const result = spawnSync(turboBin(root), ["run", ...tasks, "--dry=json"], {
    cwd: root,
    env,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) {
    throw new Error(
      `turbo --dry=json failed (${result.status}): ${result.stderr || result.stdout}`,
    );
  }
  /** @type {{ tasks: Array<{ taskId: string, task: string, package: string, directory: string, command: string }> }} */
  const dry = JSON.parse(result.stdout);
  return dry.tasks
    .filter((t) => tasks.includes(t.task) && t.command !== "<NONEXISTENT>")
    .map((t) => ({
      taskId: t.taskId,
      task: t.task,
      packageName: t.package,
      directory: path.join(root, t.directory),
    }));
}

/**
 * Runs `turbo run ...` with its output on ours, and returns its exit code and the
 * exit code of each task (from the run summary turbo writes under .turbo/runs).
 * Turbo runs in its own process group, so that a phase that overruns `timeoutMs` (a hung
 * server, a test that never ends) is stopped with everything it started.
 * @param {string} root
 * @param {string[]} args arguments after `turbo run`
 * @param {NodeJS.ProcessEnv} env
 * @param {number} timeoutMs
 * @returns {Promise<{ exitCode: number, timedOut: boolean, taskExitCodes: Map<string, number | undefined> }>}
 */
export async function runTurbo(root, args, env, timeoutMs) {
  const runsDir = path.join(root, ".turbo", "runs");
  const before = new Set(listSummaries(runsDir));
  let timedOut = false;
  const exitCode = await new Promise((resolve) => {
    const { own, forwarded } = splitAtDoubleDash(args);
    const child = spawn(turboBin(root), ["run", ...own, "--summarize", ...forwarded], {
      cwd: root,
      env,
      stdio: "inherit",
      detached: true,
    });
    /** @param {NodeJS.Signals} signal */
    const signalGroup = (signal) => {
      try {
        if (child.pid) process.kill(-child.pid, signal);
      } catch {
        // The group has already exited.
      }
    };
    const stopGroup = () => {
      signalGroup("SIGTERM");
      setTimeout(() => signalGroup("SIGKILL"), 15_000).unref();
    };
    const timer = setTimeout(() => {
      timedOut = true;
      console.error(
        `turbo run ${own.join(" ")} took longer than ${timeoutMs / 60_000} min: stopping it`,
      );
      stopGroup();
    }, timeoutMs);
    // Ctrl-C or a CI cancel reaches us, not turbo's separate group: pass it on.
    const onSignal = () => stopGroup();
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
    const done = (/** @type {number} */ code) => {
      clearTimeout(timer);
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
      resolve(code);
    };
    child.on("error", (error) => {
      console.error(`could not start turbo: ${error.message}`);
      done(1);
    });
    child.on("exit", (code, signal) => done(code ?? (signal ? 128 : 1)));
  });
  const fresh = listSummaries(runsDir).filter((file) => !before.has(file));
  /** @type {Map<string, number | undefined>} */
  const taskExitCodes = new Map();
  for (const file of fresh) {
    /** @type {{ tasks?: Array<{ taskId: string, execution?: { exitCode?: number } }> }} */
    const summary = JSON.parse(readFileSync(path.join(runsDir, file), "utf8"));
    for (const task of summary.tasks ?? [])
      taskExitCodes.set(task.taskId, task.execution?.exitCode);
  }
  return { exitCode, timedOut, taskExitCodes };
}

/**
 * Turbo's own arguments, and those from `--` on, which turbo hands to every task's script.
 * @param {string[]} args
 */
function splitAtDoubleDash(args) {
  const at = args.indexOf("--");
  return at === -1
    ? { own: args, forwarded: [] }
    : { own: args.slice(0, at), forwarded: args.slice(at) };
}

/** @param {string} dir */
function listSummaries(dir) {
  return existsSync(dir) ? readdirSync(dir).filter((file) => file.endsWith(".json")) : [];
}
