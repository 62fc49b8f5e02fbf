#!/usr/bin/env node
// @ts-check
// Checks that every path a workspace package.json points at ("exports", "main", "types",
// "bin") exists, so a stale entry fails CI instead of a consumer's import.
// Usage: node packages/scripts/src/check-exports.mjs   (exit code 1 when a path is missing)
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Package folders listed by pnpm-workspace.yaml's `packages:` (entries such as "apps/*"
 * or "packages/db"; the only glob form used here is a trailing "/*"), plus the root.
 * @param {string} root
 * @returns {string[]}
 */
export function workspacePackageDirs(root) {
  const yaml = readFileSync(path.join(root, "pnpm-workspace.yaml"), "utf8");
  const patterns = [];
  let inPackages = false;
  for (const line of yaml.split("\n")) {
    if (/^packages:\s*$/.test(line)) {
      inPackages = true;
      continue;
    }
    if (inPackages) {
      const item = /^\s+-\s+["']?([^"'#]+?)["']?\s*(#.*)?$/.exec(line);
      if (item?.[1]) patterns.push(item[1]);
      else if (/^\S/.test(line)) inPackages = false;
    }
  }
  const dirs = [root];
  for (const pattern of patterns) {
    if (pattern.startsWith("!")) continue;
    if (pattern.endsWith("/*")) {
      const parent = path.join(root, pattern.slice(0, -2));
      if (!existsSync(parent)) continue;
      for (const entry of readdirSync(parent, { withFileTypes: true })) {
        if (entry.isDirectory()) dirs.push(path.join(parent, entry.name));
      }
    } else {
      dirs.push(path.join(root, pattern));
    }
  }
  return dirs.filter((dir) => existsSync(path.join(dir, "package.json")));
}

/**
 * Every target path in an `exports` value: a string, an array of fallbacks, or an object of
 * subpaths or conditions (nested). `null` targets deliberately hide a subpath.
 * @param {unknown} value
 * @param {string} label
 * @returns {Array<{ label: string, target: string }>}
 */
export function exportTargets(value, label = "exports") {
  if (typeof value === "string") return [{ label, target: value }];
  if (Array.isArray(value))
    return value.flatMap((item, i) => exportTargets(item, `${label}[${i}]`));
  if (typeof value === "object" && value !== null) {
    return Object.entries(value).flatMap(([key, item]) =>
      exportTargets(item, `${label}["${key}"]`),
    );
  }
  return [];
}

/**
 * Whether a target exists. A subpath pattern ("./src/*.ts") must match at least one file.
 * @param {string} dir
 * @param {string} target
 */
export function targetExists(dir, target) {
  if (!target.includes("*")) return existsSync(path.join(dir, target));
  const [prefix = "", suffix = ""] = target.split("*");
  const base = path.join(dir, prefix);
  const folder = prefix.endsWith("/") ? base : path.dirname(base);
  const start = prefix.endsWith("/") ? "" : path.basename(base);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) return false;
  return walk(folder).some((file) => {
    const relative = path.relative(folder, file);
    return (
      relative.startsWith(start) &&
      relative.endsWith(suffix) &&
      relative.length >= start.length + suffix.length
    );
  });
}

/** @param {string} folder @returns {string[]} */
function walk(folder) {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === "node_modules") return [];
    const full = path.join(folder, entry.name);
    return entry.isDirectory() ? walk(full) : [full];
  });
}

/**
 * @param {string} root
 * @returns {{ checked: number, problems: string[] }}
 */
export function checkExports(root) {
  let checked = 0;
  const problems = [];
  for (const dir of workspacePackageDirs(root)) {
    const manifestPath = path.join(dir, "package.json");
    /** @type {Record<string, unknown>} */
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
    const targets = [
      ...exportTargets(manifest.exports),
      ...exportTargets(manifest.main, "main"),
      ...exportTargets(manifest.types, "types"),
      ...exportTargets(manifest.bin, "bin"),
    ];
    for (const { label, target } of targets) {
      checked += 1;
      if (label.startsWith("exports") && !target.startsWith("./")) {
        problems.push(
          `${path.relative(root, manifestPath)} ${label}: "${target}" must start with "./"`,
        );
      } else if (!targetExists(dir, target)) {
        problems.push(`${path.relative(root, manifestPath)} ${label}: ${target} does not exist`);
      }
    }
  }
  return { checked, problems };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
  const { checked, problems } = checkExports(root);
  for (const problem of problems) console.error(`  missing: ${problem}`);
  console.log(`exports check: ${checked - problems.length} of ${checked} package.json paths exist`);
  process.exit(problems.length === 0 ? 0 : 1);
}
