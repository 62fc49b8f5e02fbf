import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fromPlaywrightReport, fromVitestReport, readSuiteReport } from "./reports.mjs";

/** A vitest 5 JSON report with one file per entry of `files`. */
function vitestReport(files) {
  const tests = files.flatMap((f) => f.tests);
  const count = (status) => tests.filter((t) => t === status).length;
  return {
    numTotalTests: tests.length,
    numPassedTests: count("passed"),
    numFailedTests: count("failed"),
    numPendingTests: count("skipped"),
    numTodoTests: count("todo"),
    testResults: files.map((f) => ({
      name: f.name,
      status: f.status,
      message: f.message ?? "",
      assertionResults: f.tests.map((status) => ({ status })),
    })),
  };
}

describe("fromVitestReport", () => {
  it("counts passed, failed and skipped tests", () => {
    const report = vitestReport([
      { name: "a.test.ts", status: "failed", tests: ["passed", "failed", "skipped"] },
      { name: "b.test.ts", status: "passed", tests: ["passed", "todo"] },
    ]);
    expect(fromVitestReport("pkg test", report)).toMatchObject({
      passed: 2,
      failed: 1,
      skipped: 2,
    });
  });

  it("counts a file that failed outside any test as one failure", () => {
    const report = vitestReport([
      {
        name: "broken.test.ts",
        status: "failed",
        message: "Cannot find module x\nstack",
        tests: ["skipped", "skipped"],
      },
    ]);
    const result = fromVitestReport("pkg test", report);
    expect(result).toMatchObject({ passed: 0, failed: 1, skipped: 2 });
    expect(result.notes[0]).toContain("Cannot find module x");
  });

  it("fails a report that is not a vitest report", () => {
    expect(fromVitestReport("pkg test", { stats: {} })).toMatchObject({ passed: 0, failed: 1 });
  });
});

describe("fromPlaywrightReport", () => {
  it("counts flaky tests as passed and each top-level error as a failure", () => {
    const report = {
      stats: { expected: 3, unexpected: 1, flaky: 1, skipped: 2 },
      errors: [{ message: "Timed out waiting 60000ms from config.webServer." }],
    };
    const result = fromPlaywrightReport("web test:e2e", report);
    expect(result).toMatchObject({ passed: 4, failed: 2, skipped: 2 });
    expect(result.notes.join("\n")).toContain("webServer");
  });

  it("fails a report without stats", () => {
    expect(fromPlaywrightReport("web test:e2e", { suites: [] })).toMatchObject({ failed: 1 });
  });
});

describe("readSuiteReport", () => {
  let dir = "";
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "parley-reports-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("counts a missing report as one failure", () => {
    const result = readSuiteReport({
      name: "pkg test",
      kind: "vitest",
      file: path.join(dir, "none.json"),
      exitCode: 1,
    });
    expect(result).toMatchObject({ passed: 0, failed: 1 });
  });

  it("counts unreadable JSON as one failure", () => {
    const file = path.join(dir, "vitest.json");
    writeFileSync(file, "{ not json");
    expect(readSuiteReport({ name: "pkg test", kind: "vitest", file, exitCode: 0 })).toMatchObject({
      failed: 1,
    });
  });

  it("adds a failure when the task failed although its report shows none", () => {
    const file = path.join(dir, "vitest.json");
    writeFileSync(
      file,
      JSON.stringify(vitestReport([{ name: "a.test.ts", status: "passed", tests: ["passed"] }])),
    );
    expect(readSuiteReport({ name: "pkg test", kind: "vitest", file, exitCode: 1 })).toMatchObject({
      passed: 1,
      failed: 1,
    });
    expect(readSuiteReport({ name: "pkg test", kind: "vitest", file, exitCode: 0 })).toMatchObject({
      passed: 1,
      failed: 0,
    });
  });

  it("reads a Playwright report", () => {
    const file = path.join(dir, "playwright.json");
    writeFileSync(
      file,
      JSON.stringify({ stats: { expected: 5, unexpected: 0, flaky: 0, skipped: 0 }, errors: [] }),
    );
    expect(
      readSuiteReport({ name: "web test:e2e", kind: "playwright", file, exitCode: 0 }),
    ).toMatchObject({
      passed: 5,
      failed: 0,
    });
  });
});
