// @ts-check
// The settings check in `pnpm test`: every name in .env.example must be read by some
// process's env schema, every name a schema reads must be documented in .env.example, and
// every one of them must get through turbo's strict env mode (turbo.json globalEnv,
// globalPassThroughEnv, or a task's env/passThroughEnv), or a task run by turbo silently
// goes without it.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";

/** Read by a schema yet set by the scripts themselves, not by people: not in .env.example. */
export const UNDOCUMENTED = new Map([
  ["NODE_ENV", "set by `pnpm dev`/`pnpm start`, Next.js and the Docker images"],
]);

/** The names .env.example documents: lines such as `# LOG_LEVEL=info` or `APP_SECRET_KEY=`. */
export function exampleNames(text) {
  const names = new Set();
  for (const line of text.split("\n")) {
    const match = /^#?\s*([A-Z][A-Z0-9_]*)=/.exec(line.trim());
    if (match?.[1]) names.add(match[1]);
  }
  return names;
}

/**
 * What turbo lets through in strict mode, as a test: turbo's patterns are names with `*`
 * wildcards, and a leading `!` excludes.
 * @param {{ globalEnv?: string[], globalPassThroughEnv?: string[], tasks?: Record<string, { env?: string[], passThroughEnv?: string[] }> }} turbo
 * @returns {(name: string) => boolean}
 */
export function turboPasses(turbo) {
  const patterns = [
    ...(turbo.globalEnv ?? []),
    ...(turbo.globalPassThroughEnv ?? []),
    ...Object.values(turbo.tasks ?? {}).flatMap((t) => [
      ...(t.env ?? []),
      ...(t.passThroughEnv ?? []),
    ]),
  ];
  const toRegExp = (/** @type {string} */ p) =>
    new RegExp(`^${p.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`);
  const include = patterns.filter((p) => !p.startsWith("!")).map(toRegExp);
  const exclude = patterns.filter((p) => p.startsWith("!")).map((p) => toRegExp(p.slice(1)));
  return (name) => include.some((r) => r.test(name)) && !exclude.some((r) => r.test(name));
}

/**
 * @param {{ example: Set<string>, schemas: Record<string, string[]>, passes: (name: string) => boolean }} input
 * @returns {string[]} one line per problem
 */
export function compareEnv({ example, schemas, passes }) {
  const problems = [];
  const readers = new Map();
  for (const [process, names] of Object.entries(schemas))
    for (const name of names) readers.set(name, [...(readers.get(name) ?? []), process]);
  for (const name of [...example].sort()) {
    if (!readers.has(name))
      problems.push(`${name} is in .env.example but no process's env schema reads it`);
  }
  for (const [name, processes] of [...readers].sort()) {
    if (!example.has(name) && !UNDOCUMENTED.has(name))
      problems.push(
        `${name} is read by ${processes.join(", ")} but not documented in .env.example`,
      );
  }
  for (const name of [...new Set([...example, ...readers.keys()])].sort()) {
    if (!passes(name))
      problems.push(
        `${name} does not get through turbo's strict env mode: add it to turbo.json globalPassThroughEnv`,
      );
  }
  return problems;
}

/** @param {string} root @returns {{ checked: number, problems: string[] }} */
export function checkEnv(root) {
  const scripts = path.join(root, "packages", "scripts");
  const run = spawnSync(process.execPath, ["--import", "tsx", "src/env-names.ts"], {
    cwd: scripts,
    encoding: "utf8",
  });
  if (run.status !== 0)
    return { checked: 0, problems: [`could not read the env schemas: ${run.stderr.trim()}`] };
  /** @type {Record<string, string[]>} */
  const schemas = JSON.parse(run.stdout);
  const example = exampleNames(readFileSync(path.join(root, ".env.example"), "utf8"));
  const passes = turboPasses(JSON.parse(readFileSync(path.join(root, "turbo.json"), "utf8")));
  const checked = new Set([...example, ...Object.values(schemas).flat()]).size;
  return { checked, problems: compareEnv({ example, schemas, passes }) };
}
