// @ts-check
// Turns the JSON reports that vitest and Playwright write into one shape of counts.
// A suite that crashed, exited non-zero without a failing test, or left no report is
// counted as failed: a runner that can hide a failure is worse than none.
import { existsSync, readFileSync } from "node:fs";

/**
 * @typedef {object} SuiteResult
 * @property {string} name       e.g. "@parley/api test"
 * @property {number} passed
 * @property {number} failed
 * @property {number} skipped
 * @property {string[]} notes    why failures were added beyond failing tests
 */

/**
 * @param {string} name
 * @returns {SuiteResult}
 */
export function emptyResult(name) {
  return { name, passed: 0, failed: 0, skipped: 0, notes: [] };
}

/**
 * Counts from a vitest `json` reporter report (vitest 5: numPassedTests, testResults ...).
 * A test file that failed without any failing test (an import error, a failing hook)
 * counts as one failure.
 * @param {string} name
 * @param {unknown} report
 * @returns {SuiteResult}
 */
export function fromVitestReport(name, report) {
  const result = emptyResult(name);
  if (!isObject(report) || typeof report.numTotalTests !== "number") {
    result.failed += 1;
    result.notes.push("the vitest report is not a vitest JSON report");
    return result;
  }
  result.passed = numberOr0(report.numPassedTests);
  result.failed = numberOr0(report.numFailedTests);
  result.skipped = numberOr0(report.numPendingTests) + numberOr0(report.numTodoTests);
  const files = Array.isArray(report.testResults) ? report.testResults : [];
  for (const file of files) {
    if (!isObject(file) || file.status !== "failed") continue;
    const tests = Array.isArray(file.assertionResults) ? file.assertionResults : [];
    const anyTestFailed = tests.some((t) => isObject(t) && t.status === "failed");
    if (!anyTestFailed) {
      result.failed += 1;
      const message =
        typeof file.message === "string" && file.message ? `: ${firstLine(file.message)}` : "";
      result.notes.push(`${String(file.name)} failed outside any test${message}`);
    }
  }
  if (files.length === 0) result.notes.push("no test files ran");
  return result;
}

/**
 * Counts from a Playwright `json` reporter report: stats.expected (passed), stats.flaky
 * (passed on retry), stats.unexpected (failed), stats.skipped; each top-level error (a web
 * server that did not start, a syntax error in a spec) counts as one failure.
 * @param {string} name
 * @param {unknown} report
 * @returns {SuiteResult}
 */
export function fromPlaywrightReport(name, report) {
  const result = emptyResult(name);
  const stats = isObject(report) ? report.stats : undefined;
  if (!isObject(report) || !isObject(stats)) {
    result.failed += 1;
    result.notes.push("the Playwright report is not a Playwright JSON report");
    return result;
  }
  const flaky = numberOr0(stats.flaky);
  result.passed = numberOr0(stats.expected) + flaky;
  result.failed = numberOr0(stats.unexpected);
  result.skipped = numberOr0(stats.skipped);
  if (flaky > 0) result.notes.push(`${flaky} flaky (passed on retry)`);
  const errors = Array.isArray(report.errors) ? report.errors : [];
  for (const error of errors) {
    result.failed += 1;
    const message =
      isObject(error) && typeof error.message === "string"
        ? firstLine(error.message)
        : "unknown error";
    result.notes.push(`error outside any test: ${message}`);
  }
  return result;
}

/**
 * Reads a report file, then checks it against the task's exit code: a non-zero exit with
 * nothing failing in the report (an unhandled error, a crash after writing) is one failure.
 * @param {{ name: string, kind: "vitest" | "playwright", file: string, exitCode: number | undefined }} suite
 * @returns {SuiteResult}
 */
export function readSuiteReport({ name, kind, file, exitCode }) {
  if (!existsSync(file)) {
    const result = emptyResult(name);
    result.failed = 1;
    result.notes.push(`no report at ${file} (exit code ${exitCode ?? "unknown"})`);
    return result;
  }
  let parsed;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    const result = emptyResult(name);
    result.failed = 1;
    result.notes.push(
      `unreadable report ${file}: ${error instanceof Error ? error.message : String(error)}`,
    );
    return result;
  }
  const result =
    kind === "vitest" ? fromVitestReport(name, parsed) : fromPlaywrightReport(name, parsed);
  if (exitCode !== 0 && result.failed === 0) {
    result.failed = 1;
    result.notes.push(
      `exited with code ${exitCode ?? "unknown"} although the report shows no failure`,
    );
  }
  return result;
}

/**
 * @param {unknown} value
 * @returns {value is Record<string, unknown>}
 */
function isObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** @param {unknown} value */
function numberOr0(value) {
  return typeof value === "number" && Number.isFinite(value) ? value : 0;
}

/** @param {string} text */
function firstLine(text) {
  return text.split("\n", 1)[0]?.slice(0, 200) ?? "";
}
