import http from "node:http";
import { once } from "node:events";

/** One subscription request as the proxy saw it. */
export interface SeenSubscription {
  path: string;
  /** `lastEventId` in the request's input (how retryLink resumes a new EventSource). */
  inputLastEventId: string | null;
  /** The Last-Event-ID header (how an EventSource resumes by itself after a stream ends). */
  headerLastEventId: string | null;
  /** What the proxy answered: 502 while it is failing, else the server's status. */
  status: number;
}

type Waiter = { test: (seen: SeenSubscription[]) => boolean; resolve: () => void };

/**
 * A reverse proxy in front of the API that a test can break on purpose: end the open event
 * streams (as the server does after maxDurationMs), cut them (a network failure), answer new
 * subscription requests with 502 (a restarting server behind a load balancer) or hold them.
 */
export class FlakyProxy {
  readonly seen: SeenSubscription[] = [];
  #server: http.Server;
  #target: URL;
  #streams = new Set<{ res: http.ServerResponse; upstream: http.ClientRequest }>();
  #failing = false;
  #held: (() => void)[] = [];
  #holding = false;
  #waiters: Waiter[] = [];

  private constructor(target: string) {
    this.#target = new URL(target);
    this.#server = http.createServer((req, res) => void this.#handle(req, res));
  }

  static async start(target: string): Promise<FlakyProxy> {
    const proxy = new FlakyProxy(target);
    proxy.#server.listen(0, "127.0.0.1");
    await once(proxy.#server, "listening");
    return proxy;
  }

  get url(): string {
    const address = this.#server.address();
    if (!address || typeof address === "string") throw new Error("the proxy is not listening");
    return `http://127.0.0.1:${address.port}`;
  }

  /** Ends every open event stream cleanly, as the server does when a stream reaches its maximum duration. */
  endStreams(): void {
    for (const { res, upstream } of this.#streams) {
      upstream.destroy();
      res.end();
    }
    this.#streams.clear();
  }

  /** Cuts every open event stream mid-way, as a network failure would. */
  cutStreams(): void {
    for (const { res, upstream } of this.#streams) {
      upstream.destroy();
      res.destroy();
    }
    this.#streams.clear();
  }

  /** From now on, subscription requests get a 502 until `heal()`. */
  fail(): void {
    this.#failing = true;
  }

  heal(): void {
    this.#failing = false;
  }

  /** Subscription requests wait (unanswered) until `release()`. */
  hold(): void {
    this.#holding = true;
  }

  release(): void {
    this.#holding = false;
    for (const go of this.#held.splice(0)) go();
  }

  /** Resolves once the subscription requests seen so far satisfy `test`. */
  until(test: (seen: SeenSubscription[]) => boolean): Promise<void> {
    if (test(this.seen)) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push({ test, resolve }));
  }

  async stop(): Promise<void> {
    this.cutStreams();
    this.release();
    this.#server.closeAllConnections();
    this.#server.close();
    await once(this.#server, "close");
  }

  #record(seen: SeenSubscription): void {
    this.seen.push(seen);
    this.#waiters = this.#waiters.filter((waiter) => {
      if (!waiter.test(this.seen)) return true;
      waiter.resolve();
      return false;
    });
  }

  async #handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", this.#target);
    const isSubscription =
      req.method === "GET" && (req.headers.accept ?? "").includes("text/event-stream");
    if (!isSubscription) {
      this.#forward(req, res, url, null);
      return;
    }
    const input = url.searchParams.get("input");
    const parsed: unknown = input ? JSON.parse(input) : null;
    const inputLastEventId =
      typeof parsed === "object" &&
      parsed !== null &&
      "lastEventId" in parsed &&
      typeof parsed.lastEventId === "string"
        ? parsed.lastEventId
        : null;
    const header = req.headers["last-event-id"];
    const seen = {
      path: url.pathname.slice(1),
      inputLastEventId,
      headerLastEventId: typeof header === "string" ? header : null,
    };
    if (this.#holding) await new Promise<void>((resolve) => this.#held.push(resolve));
    if (this.#failing) {
      res.writeHead(502, { "content-type": "text/plain" }).end("bad gateway");
      this.#record({ ...seen, status: 502 });
      return;
    }
    this.#forward(req, res, url, (status) => this.#record({ ...seen, status }));
  }

  #forward(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    url: URL,
    onStatus: ((status: number) => void) | null,
  ): void {
    const upstream = http.request(
      url,
      { method: req.method, headers: req.headers },
      (upstreamRes) => {
        res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
        upstreamRes.pipe(res);
        onStatus?.(upstreamRes.statusCode ?? 502);
      },
    );
    if (onStatus) {
      const stream = { res, upstream };
      this.#streams.add(stream);
      res.on("close", () => {
        this.#streams.delete(stream);
        upstream.destroy();
      });
    }
    upstream.on("error", () => res.destroy());
    req.pipe(upstream);
  }
}
