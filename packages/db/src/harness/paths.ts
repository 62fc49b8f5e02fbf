import { existsSync } from "node:fs";
import path from "node:path";

/** The repository root: the nearest folder upwards that holds pnpm-workspace.yaml. */
export function findRepoRoot(from = process.cwd()): string {
  let dir = path.resolve(from);
  for (;;) {
    if (existsSync(path.join(dir, "pnpm-workspace.yaml"))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve(from);
    dir = parent;
  }
}

/** Local state (embedded Postgres data, generated dev secrets) lives here, git-ignored. */
export function dataDir(): string {
  return path.join(findRepoRoot(), ".data");
}
