/** Runs once per server process when Next starts. */
export async function register(): Promise<void> {
  // eslint-disable-next-line no-restricted-properties -- Next's runtime marker, not configuration
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { endLiveStreamsOnShutdown } = await import("./server/shutdown");
  endLiveStreamsOnShutdown();
}
