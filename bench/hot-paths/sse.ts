/** A minimal SSE client for many connections at once: counts the fan-out probes it receives. */
import http from "node:http";
import { performance } from "node:perf_hooks";

const PROBE = /"fanout (\d+)"/g;

export interface Subscriber {
  /** Probe number -> how many times it arrived. */
  seen: Map<number, number>;
  /** Probe number -> when it first arrived (performance.now()). */
  arrivedAt: Map<number, number>;
  close(): void;
}

/** Opens a GET event stream; resolves once the response headers arrived (the stream is open). */
export function subscribe(url: string): Promise<Subscriber> {
  return new Promise((resolve, reject) => {
    const seen = new Map<number, number>();
    const arrivedAt = new Map<number, number>();
    let carry = "";
    const request = http.get(
      url,
      { agent: false, headers: { accept: "text/event-stream" } },
      (response) => {
        if (response.statusCode !== 200) {
          reject(new Error(`${url} answered ${response.statusCode}`));
          response.resume();
          return;
        }
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => {
          const now = performance.now();
          // A probe's text may be split across chunks: keep the tail after the last event.
          const text = carry + chunk;
          const end = text.lastIndexOf("\n\n");
          carry = end === -1 ? text : text.slice(end + 2);
          const complete = end === -1 ? "" : text.slice(0, end);
          for (const match of complete.matchAll(PROBE)) {
            const probe = Number(match[1]);
            seen.set(probe, (seen.get(probe) ?? 0) + 1);
            if (!arrivedAt.has(probe)) arrivedAt.set(probe, now);
          }
        });
        resolve({ seen, arrivedAt, close: () => request.destroy() });
      },
    );
    request.on("error", (error) => reject(error));
  });
}
