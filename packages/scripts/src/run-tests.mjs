#!/usr/bin/env node
// @ts-check
// `pnpm test`: checks (exports, settings, typecheck, lint), every package's vitest suite, then the
// Playwright suite, each through turbo; then one count over every report. The last line
// printed is always `N passed, N failed[, N skipped]`. Exit code 0 only when nothing failed
// and at least one test ran. Conventions (report paths, flags): packages/scripts/README.md.
import { spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { checkEnv } from "./check-env.mjs";
import { checkExports } from "./check-exports.mjs";
import { emptyResult, readSuiteReport } from "./reports.mjs";
import { planTasks, runTurbo } from "./turbo.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

const VITEST_REPORT = "test-results/vitest.json";
const PLAYWRIGHT_REPORT = "test-results/playwright.json";
const VITEST_ARGS = ["--reporter=default", "--reporter=json", `--outputFile.json=${VITEST_REPORT}`];

/** @type {NodeJS.ProcessEnv} */
const env = {
  ...process.env,
  TURBO_TELEMETRY_DISABLED: "1",
  TURBO_NO_UPDATE_NOTIFIER: "1",
  NEXT_TELEMETRY_DISABLED: "1",
  DO_NOT_TRACK: "1",
};

// Two cores: two check tasks at a time. Test tasks each start PostgreSQL and a vitest pool;
// PARLEY_TEST_CONCURRENCY overrides the default (see README for the measurements).
const cores = os.availableParallelism();
const checkConcurrency = String(Math.max(1, Math.min(cores, 4)));
const testConcurrency =
  process.env.PARLEY_TEST_CONCURRENCY ?? String(Math.max(1, Math.min(cores, 2)));
// Each turbo phase is stopped after this long, so a hung suite cannot hold CI forever.
const phaseTimeoutMs = Number(process.env.PARLEY_PHASE_TIMEOUT_MINUTES ?? "25") * 60_000;
// Strict env mode would hide variables such as NEXT_TELEMETRY_DISABLED or HOME from tasks;
// tests are never cached, so passing the whole environment costs nothing.
const common = [
  "--continue",
  "--env-mode=loose",
  ...(process.env.CI ? ["--log-order=grouped"] : []),
];

/** @type {Array<{ name: string, ok: boolean }>} */
const checks = [];
/** @type {import("./reports.mjs").SuiteResult[]} */
const suites = [];
/** @type {Array<{ name: string, seconds: number }>} */
const phases = [];

async function main() {
  banner("checks: exports");
  await timed("exports", () => {
    const { checked, problems } = checkExports(root);
    for (const problem of problems) console.log(`  missing: ${problem}`);
    console.log(`exports: ${checked - problems.length} of ${checked} package.json paths exist`);
    checks.push({ name: "exports", ok: problems.length === 0 });
  });

  banner("checks: typecheck, lint");
  await timed("typecheck + lint", async () => {
    const planned = planTasks(root, ["typecheck", "lint"], env);
    const run = await runTurbo(
      root,
      ["typecheck", "lint", ...common, `--concurrency=${checkConcurrency}`],
      env,
      phaseTimeoutMs,
    );
    for (const task of planned) {
      const code = run.taskExitCodes.get(task.taskId);
      checks.push({ name: task.taskId, ok: code === 0 });
    }
    if (run.exitCode !== 0 && planned.every((t) => run.taskExitCodes.get(t.taskId) === 0)) {
      checks.push({ name: `turbo typecheck lint (exit code ${run.exitCode})`, ok: false });
    }
  });

  // After typecheck: the env schemas import @parley/db, whose client `generate` writes.
  banner("checks: settings");
  await timed("settings", () => {
    const { checked, problems } = checkEnv(root);
    for (const problem of problems) console.log(`  ${problem}`);
    console.log(
      `settings: ${checked} names in .env.example, turbo.json and the env schemas, ${problems.length} problems`,
    );
    checks.push({ name: "settings", ok: problems.length === 0 });
  });

  banner("tests: vitest");
  await timed("vitest", () =>
    runSuites("test", "vitest", VITEST_REPORT, testConcurrency, ["--", ...VITEST_ARGS]),
  );

  banner("tests: Playwright");
  await timed("playwright", () => runSuites("test:e2e", "playwright", PLAYWRIGHT_REPORT, "1", []));

  banner("bench: pnpm bench --quick (its correctness checks; no timing is asserted)");
  await timed("bench --quick", runBenchChecks);

  return summarize();
}

/**
 * The benchmark's quick mode (bench/hot-paths): each of its correctness checks (nothing missed
 * or duplicated in the live fan-out, every request answered, outbox reads bounded) counts as a
 * test. Its figures are printed for the log, never compared.
 */
async function runBenchChecks() {
  const out = path.join(root, "bench", "results", "ci-quick.json");
  rmSync(out, { force: true });
  const code = await new Promise((resolve) => {
    const child = spawn("pnpm", ["bench", "--quick", "--out", out], { cwd: root, env, stdio: "inherit" });
    const timer = setTimeout(() => child.kill("SIGTERM"), phaseTimeoutMs);
    child.on("exit", (exitCode) => {
      clearTimeout(timer);
      resolve(exitCode);
    });
  });
  const result = emptyResult("pnpm bench --quick");
  if (!existsSync(out)) {
    result.failed = 1;
    result.notes.push(`the benchmark wrote no results (exit code ${code})`);
  } else {
    /** @type {{ checks: Array<{ name: string, ok: boolean, detail: string }> }} */
    const report = JSON.parse(readFileSync(out, "utf8"));
    for (const check of report.checks) {
      if (check.ok) result.passed++;
      else {
        result.failed++;
        result.notes.push(`${check.name}: ${check.detail}`);
      }
    }
    if (report.checks.length === 0) {
      result.failed = 1;
      result.notes.push("the benchmark ran no check");
    }
  }
  suites.push(result);
}

/**
 * @param {string} task
 * @param {"vitest" | "playwright"} kind
 * @param {string} report path inside each package
 * @param {string} concurrency
 * @param {string[]} forwarded
 */
async function runSuites(task, kind, report, concurrency, forwarded) {
  const planned = planTasks(root, [task], env);
  if (planned.length === 0) {
    console.log(`no package has a "${task}" script`);
    return;
  }
  // A report left by an earlier run must not stand in for this one.
  for (const suite of planned) rmSync(path.join(suite.directory, report), { force: true });
  const run = await runTurbo(
    root,
    [task, ...common, `--concurrency=${concurrency}`, ...forwarded],
    env,
    phaseTimeoutMs,
  );
  const results = planned.map((suite) =>
    readSuiteReport({
      name: `${suite.packageName} ${task}`,
      kind,
      file: path.join(suite.directory, report),
      exitCode: run.taskExitCodes.get(suite.taskId),
    }),
  );
  // Turbo failed outside the suites themselves (a failed dependency such as db#generate).
  if (run.exitCode !== 0 && results.every((r) => r.failed === 0)) {
    const result = emptyResult(`turbo ${task}`);
    result.failed = 1;
    result.notes.push(
      run.timedOut ? "stopped: the phase timed out" : `turbo exited with code ${run.exitCode}`,
    );
    results.push(result);
  }
  suites.push(...results);
}

function summarize() {
  banner("summary");
  for (const phase of phases) console.log(`phase ${phase.name}: ${phase.seconds.toFixed(1)} s`);
  for (const check of checks) console.log(`${check.ok ? "ok    " : "FAILED"} check ${check.name}`);
  for (const suite of suites) {
    const skipped = suite.skipped ? `, ${suite.skipped} skipped` : "";
    console.log(
      `${suite.failed ? "FAILED" : "ok    "} ${suite.name}: ${suite.passed} passed, ${suite.failed} failed${skipped}`,
    );
    for (const note of suite.notes) console.log(`         ${note}`);
  }
  const failedChecks = checks.filter((c) => !c.ok).length;
  const passed = sum(suites.map((s) => s.passed));
  // A failed check counts as one failure, so "0 failed" always means a green run.
  const failed = sum(suites.map((s) => s.failed)) + failedChecks;
  const skipped = sum(suites.map((s) => s.skipped));
  if (failedChecks)
    console.log(`${failedChecks} check(s) failed; each counts as one failure below`);
  if (passed + failed === 0) console.log("no test ran: that is a failure");
  console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
  return failed === 0 && passed > 0 ? 0 : 1;
}

/**
 * @param {string} name
 * @param {() => unknown} step
 */
async function timed(name, step) {
  const start = performance.now();
  try {
    await step();
  } catch (error) {
    console.error(
      `${name} could not run: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    const result = emptyResult(name);
    result.failed = 1;
    result.notes.push("the runner could not run this phase (see above)");
    suites.push(result);
  }
  phases.push({ name, seconds: (performance.now() - start) / 1000 });
}

/** @param {string} title */
function banner(title) {
  console.log(`\n=== ${title} ===`);
}

/** @param {number[]} values */
function sum(values) {
  return values.reduce((a, b) => a + b, 0);
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    console.log("0 passed, 1 failed");
    process.exit(1);
  },
);
