/** What the benchmark measures with: a closed-loop load generator, quantiles, process CPU, load. */
import { readFileSync, readdirSync } from "node:fs";
import os from "node:os";
import { performance } from "node:perf_hooks";

export interface LoadResult {
  ops: number;
  errors: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
  firstError: string | null;
}

export const quantile = (sorted: readonly number[], q: number): number =>
  sorted.length === 0
    ? Number.NaN
    : (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN);

/**
 * `concurrency` workers each run `op` back to back until `amount` operations have started.
 * Latency is per operation; an operation that throws counts as an error, not a latency.
 */
export async function closedLoop(options: {
  concurrency: number;
  amount: number;
  op: (index: number) => Promise<void>;
}): Promise<LoadResult> {
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  let firstError: string | null = null;
  const started = performance.now();
  const worker = async () => {
    for (let index = next++; index < options.amount; index = next++) {
      const t0 = performance.now();
      try {
        await options.op(index);
        latencies.push(performance.now() - t0);
      } catch (error) {
        errors++;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    ops: latencies.length,
    errors,
    seconds,
    perSecond: latencies.length / seconds,
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    firstError,
  };
}

const MS_PER_TICK = 10; // USER_HZ is 100 on Linux

function statFields(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name may hold spaces: fields start after its closing parenthesis.
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  } catch {
    return null;
  }
}

/** User + system CPU time of the processes, in ms (processes that are gone count 0). */
export function cpuMs(pids: readonly number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    const fields = statFields(pid);
    // utime and stime are fields 14 and 15 of /proc/PID/stat (11 and 12 after the name).
    if (fields) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks * MS_PER_TICK;
}

/** A process and every descendant (PostgreSQL's backends are children of the postmaster). */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync("/proc")) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    const parent = Number(statFields(pid)?.[1]);
    if (!children.has(parent)) children.set(parent, []);
    children.get(parent)?.push(pid);
  }
  const tree: number[] = [];
  const visit = (pid: number) => {
    tree.push(pid);
    for (const child of children.get(pid) ?? []) visit(child);
  };
  visit(root);
  return tree;
}

/** The parent process id of `pid`. */
export const parentOf = (pid: number): number => Number(statFields(pid)?.[1]);

/** The machine's one-minute load average: shared machines make every figure relative to it. */
export const load = (): number => Math.round((os.loadavg()[0] ?? 0) * 100) / 100;

/** CPU ms that `pids()` used while `work` ran. */
export async function withCpu<T>(
  pids: () => number[],
  work: () => Promise<T>,
): Promise<{ result: T; cpuMs: number }> {
  const before = pids().map((pid) => ({ pid, ms: cpuMs([pid]) }));
  const result = await work();
  // Only processes alive before and after: a connection that ended took its account with it.
  const used = before.reduce((sum, { pid, ms }) => sum + Math.max(0, cpuMs([pid]) - ms), 0);
  return { result, cpuMs: used };
}
