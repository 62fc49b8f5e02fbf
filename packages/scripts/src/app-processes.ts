import path from "node:path";

export type AppMode = "dev" | "start";

/** One process of the app as app.ts launches it: `node <args>` in `cwd`. */
export interface AppProcess {
  name: "web" | "worker";
  cwd: string;
  args: string[];
  env: Record<string, string>;
  /** dev: folders whose changes restart the process. */
  watch?: string[];
}

/**
 * The processes of `pnpm dev` and `pnpm start`. Kept apart from app.ts so that a test can
 * start exactly the process `pnpm start` does (apps/web/e2e/shutdown.spec.ts).
 */
export function processesFor(mode: AppMode, root: string): AppProcess[] {
  const web = path.join(root, "apps", "web");
  const agent = path.join(root, "packages", "agent");
  if (mode === "start") {
    const production = { NODE_ENV: "production" };
    return [
      { name: "web", cwd: web, args: ["dist/main.js"], env: production },
      { name: "worker", cwd: agent, args: ["dist/worker.js"], env: production },
    ];
  }
  // Next's dev server reloads the app itself; the worker is restarted by app.ts when the code
  // it runs changes (tsx watch would keep a crashed worker waiting beside a live web app).
  const sources = ["agent", "db", "storage"].map((p) => path.join(root, "packages", p, "src"));
  return [
    { name: "web", cwd: web, args: ["--import", "tsx", "server/main.ts", "--dev"], env: {} },
    {
      name: "worker",
      cwd: agent,
      args: ["--import", "tsx", "src/worker.ts"],
      env: {},
      watch: sources,
    },
  ];
}
