import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { checkEnv, compareEnv, exampleNames, turboPasses } from "./check-env.mjs";

describe("exampleNames", () => {
  it("reads set and commented-out settings, not prose", () => {
    const text = [
      "# The port.",
      "# PORT=3000",
      "APP_SECRET_KEY=",
      "# local (default): files under STORAGE_LOCAL_DIR",
      "#LOG_LEVEL=info",
    ].join("\n");
    expect([...exampleNames(text)].sort()).toEqual(["APP_SECRET_KEY", "LOG_LEVEL", "PORT"]);
  });
});

describe("turboPasses", () => {
  it("matches names, wildcards and task env, and honours exclusions", () => {
    const passes = turboPasses({
      globalEnv: ["NODE_ENV"],
      globalPassThroughEnv: ["AGENT_*", "!AGENT_SECRET"],
      tasks: { dev: { passThroughEnv: ["WORKER_CONCURRENCY"] } },
    });
    expect(["NODE_ENV", "AGENT_PROVIDER", "WORKER_CONCURRENCY"].every(passes)).toBe(true);
    expect(passes("AGENT_SECRET")).toBe(false);
    expect(passes("WORKER_OTHER")).toBe(false);
    expect(passes("XAGENT_PROVIDER")).toBe(false);
  });
});

describe("compareEnv", () => {
  it("names each setting that is undocumented, unread or held back by turbo", () => {
    const problems = compareEnv({
      example: new Set(["LOG_LEVEL", "OLD_SETTING", "AGENT_SELF_HOSTED_URL"]),
      schemas: {
        web: ["LOG_LEVEL", "NODE_ENV", "PORT"],
        worker: ["LOG_LEVEL", "AGENT_SELF_HOSTED_URL"],
      },
      passes: (name) => name !== "AGENT_SELF_HOSTED_URL",
    });
    expect(problems).toEqual([
      "OLD_SETTING is in .env.example but no process's env schema reads it",
      "PORT is read by web but not documented in .env.example",
      "AGENT_SELF_HOSTED_URL does not get through turbo's strict env mode: add it to turbo.json globalPassThroughEnv",
    ]);
  });
});

describe("this repository", () => {
  it("documents every setting a process reads, reads every documented one, and turbo passes them all", () => {
    const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
    const { checked, problems } = checkEnv(root);
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(40);
  });
});
