import { getRuntime, type Runtime } from "@parley/api/server";

// On globalThis: Next may load this module once per bundle (route handlers, pages, instrumentation).
const state = globalThis as typeof globalThis & { parleyWebRuntimeUsed?: boolean };

/** The process's API runtime (database, event bus), made on first use. */
export function runtime(): Promise<Runtime> {
  state.parleyWebRuntimeUsed = true;
  return getRuntime();
}

/** The runtime if a request already made it; never starts one (for shutdown). */
export function runtimeIfStarted(): Promise<Runtime> | null {
  return state.parleyWebRuntimeUsed ? getRuntime() : null;
}
