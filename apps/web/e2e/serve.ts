/**
 * The server Playwright tests against: a throwaway embedded PostgreSQL in a temp folder (never
 * the developer's .data), migrated; the agent worker (offline provider); and the web server on
 * E2E_PORT (default 3100). Everything is stopped and deleted when this process gets SIGTERM or
 * SIGINT, or when Next exits.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createDatabase, migrateAll } from "@parley/db";
import { ensureDatabaseExists, findRepoRoot, startEmbeddedPostgres } from "@parley/db/harness";
import { processesFor } from "../../../packages/scripts/src/app-processes";
import { startTestSmtpServer } from "@parley/agent/mail/testing";
import { E2E_MAIL_DIR } from "./mail";

const webPort = Number(process.env.E2E_PORT ?? 3100);
const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const log = (line: string) => process.stdout.write(`[e2e-serve] ${line}\n`);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

const tempDir = await mkdtemp(path.join(os.tmpdir(), "parley-e2e-"));
// The embedded server runs as the `postgres` user when we are root: it must be able to enter the folder.
await import("node:fs/promises").then((fs) => fs.chmod(tempDir, 0o755));
const started = Date.now();
const postgres = await startEmbeddedPostgres({ dir: path.join(tempDir, "pg"), port: await freePort(), persistent: false });
const databaseUrl = await ensureDatabaseExists(postgres.adminUrl, "parley_e2e");
// migrateAll also installs graphile-worker's schema, so the first agent request never races the worker's own install.
const { applied } = await migrateAll(databaseUrl);
log(`postgres ready with ${applied.length} migrations in ${Date.now() - started} ms`);
// Specs that need more data than a browser can post in time (thousands of messages) write it in
// SQL; they find this run's database here (E2E_DATABASE_URL_FILE in helpers.ts).
await mkdir(path.join(appDir, "test-results"), { recursive: true });
await writeFile(path.join(appDir, "test-results", ".database-url"), databaseUrl);

// Every browser in the run shares one IP and signs up many accounts within seconds: lift the
// rate limits the way an admin would (site setting "rateLimits", see packages/api/src/rate-limit).
const unlimited = [{ limit: 1_000_000, perSeconds: 60, burst: 1_000_000 }];
const scopes = { account: unlimited, newAccount: unlimited, ip: unlimited, email: unlimited };
const actions = ["message.create", "attachment.upload", "discussion.create", "edit", "agent.request", "token.create", "auth.signUp", "auth.signInFailure", "auth.passwordReset", "auth.verificationMail", "search"];
const seedDb = createDatabase(databaseUrl, { max: 1 });
await seedDb.siteSetting.create({ data: { key: "rateLimits", value: Object.fromEntries(actions.map((a) => [a, scopes])) } });
// The review-queue spec relies on toxic posts being held (the default today; stated so a new default cannot break it).
await seedDb.siteSetting.create({ data: { key: "moderation.posting", value: { action: "hold", threshold: 0.8 } } });
await seedDb.$disconnect();

// A real SMTP server for the worker's mail; each mail is written where the specs read it (./mail.ts).
await rm(path.join(appDir, E2E_MAIL_DIR), { recursive: true, force: true });
await mkdir(path.join(appDir, E2E_MAIL_DIR), { recursive: true });
let mailCount = 0;
const smtp = await startTestSmtpServer({
  onMail: (mail) => {
    const to = mail.to && !Array.isArray(mail.to) ? mail.to.text : "";
    const file = path.join(appDir, E2E_MAIL_DIR, `${String(++mailCount).padStart(5, "0")}.json`);
    void writeFile(file, JSON.stringify({ to, subject: mail.subject ?? "", text: mail.text ?? "", html: mail.html || "" }));
  },
});
log(`smtp ready at ${smtp.url}`);

// What the web server and the worker must agree on: the key that encrypts webhook secrets and
// the uploads folder (in the temp folder, not the developer's .data/uploads).
const shared = {
  DATABASE_URL: databaseUrl,
  APP_SECRET_KEY: randomBytes(32).toString("base64url"),
  STORAGE_DRIVER: "local",
  STORAGE_LOCAL_DIR: path.join(tempDir, "uploads"),
  LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
  SMTP_URL: smtp.url,
};

// The compiled web server and worker, launched exactly as `pnpm start` launches them
// (test:e2e depends on build); no model is reachable here, so the worker is offline.
const processes = processesFor("start", findRepoRoot(appDir));
const startEntry = (name: "web" | "worker") => {
  const entry = processes.find((p) => p.name === name);
  if (!entry) throw new Error(`no ${name} process in the start table`);
  return entry;
};
const publicUrl = `http://localhost:${webPort}`;
const workerEntry = startEntry("worker");
const worker: ChildProcess = spawn(process.execPath, workerEntry.args, {
  cwd: workerEntry.cwd,
  stdio: ["ignore", "inherit", "inherit"],
  env: { ...process.env, ...workerEntry.env, ...shared, AGENT_PROVIDER: "offline", PUBLIC_URL: publicUrl },
});

// The production web server (dist/main.js, compiled from server/main.ts: Next.js and the /ws WebSockets).
const webEntry = startEntry("web");
const next: ChildProcess = spawn(process.execPath, [...webEntry.args, "--port", String(webPort)], {
  cwd: webEntry.cwd,
  stdio: "inherit",
  env: {
    ...process.env,
    ...webEntry.env,
    NEXT_TELEMETRY_DISABLED: "1",
    ...shared,
    PUBLIC_URL: publicUrl,
    NEXTAUTH_URL: publicUrl,
  },
});

/** SIGTERM, then SIGKILL if the process is still there after `graceMs`. */
async function terminate(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const killer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await exited;
  clearTimeout(killer);
}

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  await Promise.all([terminate(next, 5000), terminate(worker, 5000)]);
  await smtp.close().catch(() => undefined);
  await postgres.stop().catch((error: unknown) => log(`stopping postgres failed: ${String(error)}`));
  await rm(tempDir, { recursive: true, force: true });
  log("stopped");
  process.exit(code);
}

next.on("exit", (code) => void stop(code ?? 1));
process.on("SIGTERM", () => void stop(0));
process.on("SIGINT", () => void stop(0));
