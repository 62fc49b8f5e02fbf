/**
 * SIGTERM to the production web process, as a process manager or `docker stop` sends it: the
 * very process `pnpm start` launches (`node dist/main.js`, from the same table app.ts uses;
 * the Dockerfile runs the same file), on a database of its own. Live SSE streams must end
 * cleanly (they carried the `retry:` reconnect hint), WebSockets must close with 1001, and the
 * process must exit 0: main.ts forces exit code 1 after 10 s, so 0 means it shut down
 * gracefully within that time.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "@playwright/test";
import { findRepoRoot } from "@parley/db/harness";
import { processesFor } from "../../../packages/scripts/src/app-processes";
import { freePort, ownDatabase } from "./own-database";

const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

let database: Awaited<ReturnType<typeof ownDatabase>> | undefined;
let web: ChildProcess | undefined;

test.afterAll(async () => {
  if (web && web.exitCode === null && web.signalCode === null) web.kill("SIGKILL");
  await database?.stop();
});

test("SIGTERM to the process `pnpm start` launches ends live streams, closes WebSockets with 1001 and exits 0", async () => {
  test.setTimeout(120_000);
  database = await ownDatabase("shutdown");

  const entry = processesFor("start", findRepoRoot(appDir)).find((p) => p.name === "web");
  if (!entry) throw new Error("no web process in the start table");
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  web = spawn(process.execPath, entry.args, {
    cwd: entry.cwd,
    stdio: ["ignore", "pipe", "inherit"],
    env: {
      ...process.env,
      ...entry.env,
      DATABASE_URL: database.url,
      PORT: String(port),
      PUBLIC_URL: base,
      NEXTAUTH_URL: base,
      APP_SECRET_KEY: randomBytes(32).toString("base64url"),
      STORAGE_LOCAL_DIR: path.join(database.dir, "uploads"),
      LOG_LEVEL: "warn",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  });
  const exited = once(web, "exit") as Promise<[number | null, NodeJS.Signals | null]>;
  // Read (and keep reading) its output: a pipe closed early would make its next log line fail.
  let output = "";
  await new Promise<void>((resolve, reject) => {
    web!.stdout!.on("data", (chunk: Buffer) => {
      output += String(chunk);
      if (output.includes("> Ready on")) resolve();
    });
    web!.once("exit", (code) =>
      reject(new Error(`the web server exited (${code}) before it was ready: ${output}`)),
    );
  });

  // An account, its token and a discussion to listen to.
  const call = async (method: string, route: string, body: unknown, token?: string) => {
    const res = await fetch(`${base}/api/v1${route}`, {
      method,
      headers: {
        "content-type": "application/json",
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    expect(res.status, `${method} ${route}: ${text}`).toBe(200);
    return JSON.parse(text) as Record<string, unknown>;
  };
  const credentials = { email: "leaving@example.test", password: "correct horse battery staple" };
  await call("POST", "/auth/register", { ...credentials, displayName: "Shutdown" });
  const { token } = (await call("POST", "/auth/login", credentials)) as { token: string };
  const { id } = (await call(
    "POST",
    "/discussions",
    { title: "Going away", body: "listen here" },
    token,
  )) as { id: string };

  // A live SSE stream: read until its reconnect hint has arrived.
  const sse = await fetch(`${base}/api/v1/discussions/${id}/events`, {
    headers: { authorization: `Bearer ${token}`, accept: "text/event-stream" },
  });
  expect(sse.status).toBe(200);
  const reader = sse.body!.pipeThrough(new TextDecoderStream()).getReader();
  let streamed = "";
  while (!streamed.includes("retry:")) {
    const { value, done } = await reader.read();
    if (done) break;
    streamed += value;
  }
  expect(streamed).toMatch(/^retry: \d+$/m);

  // A live WebSocket.
  const socket = new WebSocket(`ws://127.0.0.1:${port}/ws/discussions/${id}?access_token=${token}`);
  await new Promise<void>((resolve, reject) => {
    socket.addEventListener("open", () => resolve(), { once: true });
    socket.addEventListener("error", () => reject(new Error("the WebSocket did not open")), {
      once: true,
    });
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.addEventListener(
      "close",
      (event) => resolve({ code: event.code, reason: event.reason }),
      { once: true },
    ),
  );

  web.kill("SIGTERM");

  // The stream ends as a stream does (done), not with a reset connection (a thrown error).
  let ending = "done";
  let tail = "";
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      tail += value;
    }
  } catch (error) {
    ending = `${String(error)} (${String((error as Error).cause)})`;
  }
  const [code, signal] = await exited;
  expect({ ending, tail, socket: (await closed).code, code, signal }).toEqual({
    ending: "done",
    tail: expect.any(String),
    socket: 1001,
    code: 0,
    signal: null,
  });
});
