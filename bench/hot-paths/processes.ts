/** The processes a benchmark run starts: Parley's web server (as `pnpm start` runs it) and the bare SSE server. */
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { processTree } from "./measure";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export interface Child {
  url: string;
  pid: number;
  /** This process and its children, for CPU accounting. */
  pids(): number[];
  stop(): Promise<void>;
}

/** Starts `args` and resolves once a line of its output matches `ready` (the port is in group 1). */
async function startChild(options: {
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  ready: RegExp;
  url: (port: string) => string;
  name: string;
}): Promise<Child> {
  const child: ChildProcess = spawn(process.execPath, options.args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const pid = child.pid ?? 0;
  let output = "";
  const port = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = options.ready.exec(output);
      if (match?.[1]) resolve(match[1]);
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) =>
      reject(new Error(`${options.name} exited with ${code}:\n${output.slice(-3000)}`)),
    );
  });
  // Keep draining its output so a full pipe never blocks it.
  child.stdout?.resume();
  child.stderr?.resume();
  return {
    url: options.url(port),
    pid,
    pids: () => processTree(pid),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      const killer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(killer);
    },
  };
}

/** Parley's production web server (Next.js build + the compiled custom server), on a port of its own. */
export function startWeb(port: number, env: Record<string, string>): Promise<Child> {
  const publicUrl = `http://127.0.0.1:${port}`;
  return startChild({
    name: "web server",
    // The compiled server, exactly as `pnpm start` runs it (`pnpm build` makes dist/main.js).
    args: [
      // PARLEY_BENCH_CPU_PROFILE=DIR writes each web process's V8 CPU profile there at exit.
      ...(process.env.PARLEY_BENCH_CPU_PROFILE
        ? ["--cpu-prof", `--cpu-prof-dir=${process.env.PARLEY_BENCH_CPU_PROFILE}`]
        : []),
      ...["dist/main.js", "--port", String(port), "--hostname", "127.0.0.1"],
    ],
    cwd: path.join(repoRoot, "apps", "web"),
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      LOG_LEVEL: "warn",
      PUBLIC_URL: publicUrl,
      NEXTAUTH_URL: publicUrl,
      ...env,
    },
    ready: /Ready on http:\/\/[^:]+:(\d+)/,
    url: () => publicUrl,
  });
}

export function startBareSse(databaseUrl: string): Promise<Child> {
  return startChild({
    name: "bare SSE server",
    args: ["--import", "tsx", path.join("hot-paths", "bare-sse-server.ts")],
    cwd: path.join(repoRoot, "bench"),
    env: { ...process.env, DATABASE_URL: databaseUrl },
    ready: /listening (\d+)/,
    url: (port) => `http://127.0.0.1:${port}`,
  });
}
