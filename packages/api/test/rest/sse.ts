/** A minimal text/event-stream reader for tests, with control over reconnects. */
export interface SseEvent {
  id: string | null;
  event: string;
  data: string;
}

export interface SseStream {
  status: number;
  contentType: string | null;
  /** Comment lines seen so far (keep-alives). */
  comments: string[];
  /** Waits until `count` events have arrived (in total) and returns them. */
  take(count: number, timeoutMs?: number): Promise<SseEvent[]>;
  close(): void;
}

export async function openSse(
  url: string,
  headers: Record<string, string> = {},
): Promise<SseStream> {
  const controller = new AbortController();
  const res = await fetch(url, {
    headers: { accept: "text/event-stream", ...headers },
    signal: controller.signal,
  });
  const events: SseEvent[] = [];
  const comments: string[] = [];
  const waiters = new Set<() => void>();
  let ended = false;

  const parse = (block: string) => {
    const event: SseEvent = { id: null, event: "message", data: "" };
    let hasField = false;
    for (const line of block.split("\n")) {
      if (line.startsWith(":")) comments.push(line.slice(1).trim());
      const [, field, value = ""] = /^([^:]+):? ?(.*)$/.exec(line) ?? [];
      if (field === "id") event.id = value;
      else if (field === "event") event.event = value;
      else if (field === "data") event.data += (event.data ? "\n" : "") + value;
      else continue;
      hasField = true;
    }
    if (hasField && event.data) events.push(event);
  };

  if (res.body && res.ok) {
    void (async () => {
      const decoder = new TextDecoder();
      let buffer = "";
      try {
        for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
          buffer += decoder.decode(chunk, { stream: true });
          let end: number;
          while ((end = buffer.indexOf("\n\n")) !== -1) {
            parse(buffer.slice(0, end));
            buffer = buffer.slice(end + 2);
          }
          for (const wake of waiters) wake();
        }
      } catch {
        // aborted by close()
      } finally {
        ended = true;
        for (const wake of waiters) wake();
      }
    })();
  }

  return {
    status: res.status,
    contentType: res.headers.get("content-type"),
    comments,
    take(count, timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (events.length >= count) {
            cleanup();
            resolve(events.slice(0, count));
          } else if (ended) {
            cleanup();
            reject(new Error(`stream ended with ${events.length}/${count} events`));
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(
            new Error(
              `timed out with ${events.length}/${count} events: ${events.map((e) => e.event).join(", ")}`,
            ),
          );
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    close: () => controller.abort(),
  };
}
