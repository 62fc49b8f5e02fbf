import { WebSocket } from "ws";

/** One text frame of /ws/discussions/{id}. */
export interface LiveFrame {
  id: string;
  type: string;
  data: { type: string; message?: { id: string; body: string; status?: string }; job?: { id: string; type: string } };
}

export type SocketOpen =
  | { ok: true; socket: LiveSocket }
  | { ok: false; status: number; headers: Record<string, string | string[] | undefined>; body: string };

export interface LiveSocket {
  frames: LiveFrame[];
  /** Waits until `count` frames have arrived in total and returns them. */
  take(count: number, timeoutMs?: number): Promise<LiveFrame[]>;
  /** Waits for a frame that matches and returns every frame up to it. */
  waitFor(match: (frame: LiveFrame) => boolean, timeoutMs?: number): Promise<LiveFrame[]>;
  /** Resolves with the close code and reason when the server (or we) closed the socket. */
  closed: Promise<{ code: number; reason: string }>;
  close(): void;
}

/** Connects a `ws` client; a refused upgrade resolves with its HTTP status and body. */
export function openSocket(url: string, headers: Record<string, string> = {}): Promise<SocketOpen> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    const frames: LiveFrame[] = [];
    const waiters = new Set<() => void>();
    let ended = false;
    const closed = new Promise<{ code: number; reason: string }>((done) =>
      ws.on("close", (code, reason) => {
        ended = true;
        for (const wake of waiters) wake();
        done({ code, reason: reason.toString() });
      }),
    );
    ws.on("message", (raw: Buffer) => {
      frames.push(JSON.parse(raw.toString()) as LiveFrame);
      for (const wake of waiters) wake();
    });
    ws.on("unexpected-response", (_req, res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => (body += chunk.toString()));
      res.on("end", () => resolve({ ok: false, status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    ws.on("error", (error) => {
      if (ws.readyState !== WebSocket.OPEN) reject(error);
    });
    ws.on("open", () =>
      resolve({
        ok: true,
        socket: {
          frames,
          closed,
          close: () => ws.close(),
          async waitFor(match, timeoutMs = 15_000) {
            const deadline = Date.now() + timeoutMs;
            for (let seen = 0; ; seen++) {
              const frames = await this.take(seen + 1, Math.max(1, deadline - Date.now()));
              if (match(frames[seen]!)) return frames;
            }
          },
          take(count, timeoutMs = 15_000) {
            return new Promise((done, fail) => {
              const check = () => {
                if (frames.length >= count) finish(() => done(frames.slice(0, count)));
                else if (ended) finish(() => fail(new Error(`socket closed with ${frames.length}/${count} frames`)));
              };
              const timer = setTimeout(
                () => finish(() => fail(new Error(`timed out with ${frames.length}/${count}: ${frames.map((f) => f.type).join(", ")}`))),
                timeoutMs,
              );
              const finish = (then: () => void) => {
                clearTimeout(timer);
                waiters.delete(check);
                then();
              };
              waiters.add(check);
              check();
            });
          },
        },
      }),
    );
  });
}

/** Opens and expects the upgrade to succeed. */
export async function connect(url: string, headers: Record<string, string> = {}): Promise<LiveSocket> {
  const opened = await openSocket(url, headers);
  if (!opened.ok) throw new Error(`upgrade refused: ${opened.status} ${opened.body}`);
  return opened.socket;
}
