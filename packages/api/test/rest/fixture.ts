import { afterAll, beforeAll } from "vitest";
import { useTestApp, type TestApp } from "../harness";
import { type RestHandlerOptions } from "../../src/rest";
import { sessionFromTestCookie, startRestServer, type RestServer } from "./server";

export const TEST_SECRET = "rest-test-secret-".padEnd(40, "x");

export type Credentials = { bearer: string } | { session: string } | null;

export interface RestReply {
  status: number;
  headers: Headers;
  /** The parsed JSON body (problem documents included), or null for an empty one. */
  json: unknown;
  text: string;
}

export interface RestCallOptions {
  as?: Credentials;
  /** An object is sent as JSON; a string or bytes as they are. */
  body?: unknown;
  headers?: Record<string, string>;
}

export interface RestApp {
  app: TestApp;
  url: string;
  call(method: string, path: string, options?: RestCallOptions): Promise<RestReply>;
}

export function authHeaders(as: Credentials | undefined): Record<string, string> {
  if (!as) return {};
  return "bearer" in as
    ? { authorization: `Bearer ${as.bearer}` }
    : { cookie: `test-session=${as.session}` };
}

/** A test database, its event bus and the REST handler on a loopback port. */
export function useRestApp(options: Partial<RestHandlerOptions> = {}): RestApp {
  const app = useTestApp();
  const rest = { app } as RestApp;
  let server: RestServer;
  beforeAll(async () => {
    server = await startRestServer({
      runtime: () =>
        Promise.resolve({ db: app.db, events: app.bus, env: { APP_SECRET_KEY: TEST_SECRET } }),
      sessionUserId: sessionFromTestCookie,
      ...options,
    });
    rest.url = server.url;
    rest.call = async (method, path, { as, body, headers = {} } = {}) => {
      const raw = typeof body === "string" || body instanceof Uint8Array;
      const jsonType: Record<string, string> =
        body !== undefined && !raw ? { "content-type": "application/json" } : {};
      const init: RequestInit = {
        method,
        headers: { ...jsonType, ...authHeaders(as), ...headers },
      };
      // A copy types the bytes as backed by an ArrayBuffer, as fetch's BodyInit wants.
      if (body !== undefined) init.body = raw ? (typeof body === "string" ? body : new Uint8Array(body)) : JSON.stringify(body);
      const res = await fetch(`${server.url}${path}`, init);
      const text = await res.text();
      let json: unknown;
      try {
        json = text ? JSON.parse(text) : null;
      } catch {
        json = null;
      }
      return { status: res.status, headers: res.headers, json, text };
    };
  });
  afterAll(async () => {
    await server.close();
  });
  return rest;
}
