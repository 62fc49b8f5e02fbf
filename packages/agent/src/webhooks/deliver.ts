import { type Database } from "@parley/db";
import { checkedAddress, type Resolver } from "./address-guard";
import { type HealthRules, recordEndpointFailure, recordEndpointSuccess } from "./endpoint-health";
import { postPinned } from "./pinned-request";
import { queueDelivery } from "./queue";
import { nextRetryDelayMs } from "./retry-schedule";
import { type SecretBox } from "./secret-box";
import { readAllowPrivateTargets } from "./settings";
import { signatureHeader } from "./signing";

export interface DeliverDeps {
  db: Database;
  secretBox: SecretBox;
  resolver: Resolver;
  retryDelaysMs: readonly number[];
  timeoutMs: number;
  maxResponseBytes: number;
  health: HealthRules;
  warn: (message: string) => void;
  now?: () => Date;
}

interface TryOutcome {
  responseStatus: number | null;
  latencyMs: number | null;
  error: string | null;
  responseBody: string | null;
}

const errorText = (error: unknown) =>
  (error instanceof Error ? error.message : String(error)).slice(0, 500);

/** The endpoint's signing secrets: the current one, and the previous one during a rotation. */
function activeSecrets(
  box: SecretBox,
  endpoint: { secret: Uint8Array; previousSecret: Uint8Array | null; previousSecretExpiresAt: Date | null },
  now: Date,
): string[] {
  const current = box.open(endpoint.secret);
  if (!current) throw new Error("the signing secret cannot be decrypted (APP_SECRET_KEY changed?)");
  const previous =
    endpoint.previousSecret && endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > now
      ? box.open(endpoint.previousSecret)
      : null;
  return previous ? [current, previous] : [current];
}

/** One HTTP try: the address is checked before any connection, then the request is pinned to it. */
async function tryOnce(
  deps: DeliverDeps,
  delivery: { id: string; payload: unknown },
  endpoint: Parameters<typeof activeSecrets>[1] & { url: string },
  now: Date,
): Promise<TryOutcome> {
  const failed = (error: unknown, latencyMs: number | null = null): TryOutcome => ({
    responseStatus: null,
    latencyMs,
    error: errorText(error),
    responseBody: null,
  });
  let started = 0;
  try {
    const url = new URL(endpoint.url);
    const allowPrivate = await readAllowPrivateTargets(deps.db);
    if (url.protocol !== "https:" && !(url.protocol === "http:" && allowPrivate)) {
      return failed(`refused ${url.protocol} URL: only https (http when private targets are allowed)`);
    }
    const address = await checkedAddress(url.hostname, { resolver: deps.resolver, allowPrivate });
    const body = JSON.stringify(delivery.payload);
    const timestamp = Math.floor(now.getTime() / 1000);
    const headers = {
      "content-type": "application/json",
      "user-agent": "Parley-Webhooks/1",
      "webhook-id": delivery.id,
      "webhook-timestamp": String(timestamp),
      "webhook-signature": signatureHeader(delivery.id, timestamp, body, activeSecrets(deps.secretBox, endpoint, now)),
    };
    started = performance.now();
    const response = await postPinned({
      url,
      address,
      headers,
      body,
      timeoutMs: deps.timeoutMs,
      maxBodyBytes: deps.maxResponseBytes,
    });
    const latencyMs = Math.round(performance.now() - started);
    const ok = response.status >= 200 && response.status < 300;
    return {
      responseStatus: response.status,
      latencyMs,
      error: ok ? null : `HTTP ${response.status}`,
      responseBody: response.body,
    };
  } catch (error) {
    return failed(error, started ? Math.round(performance.now() - started) : null);
  }
}

/**
 * The `webhooks_deliver` task: one try of one delivery. Every try leaves an attempt row; a
 * failure schedules the next try by re-adding the job with run_at (backoff with jitter), and
 * once the schedule is used up the delivery has failed and the endpoint's health is judged.
 */
export async function deliverWebhook(deps: DeliverDeps, deliveryId: string): Promise<void> {
  const now = deps.now?.() ?? new Date();
  const delivery = await deps.db.webhookDelivery.findUnique({
    where: { id: deliveryId },
    include: { endpoint: true },
  });
  if (!delivery || delivery.status !== "pending") return;
  const { endpoint } = delivery;
  if (!endpoint.enabled) {
    await deps.db.webhookDelivery.updateMany({
      where: { id: delivery.id, status: "pending" },
      data: { status: "failed", lastError: "endpoint disabled", completedAt: now, nextAttemptAt: null },
    });
    return;
  }

  const outcome = await tryOnce(deps, delivery, endpoint, now);
  const attempt = delivery.attempts + 1;
  const succeeded = outcome.error === null;
  const delay = succeeded ? null : nextRetryDelayMs(attempt, deps.retryDelaysMs);
  const finished = new Date();
  const disabledReason = await deps.db.$transaction(async (tx) => {
    await tx.webhookAttempt.create({
      data: { deliveryId: delivery.id, attempt, ...outcome },
    });
    // Only if nobody redelivered it meanwhile (that restarts the count and owns the schedule).
    const updated = await tx.webhookDelivery.updateMany({
      where: { id: delivery.id, status: "pending", attempts: delivery.attempts },
      data: {
        attempts: attempt,
        responseStatus: outcome.responseStatus,
        latencyMs: outcome.latencyMs,
        lastError: outcome.error,
        status: succeeded ? "succeeded" : delay === null ? "failed" : "pending",
        nextAttemptAt: delay === null ? null : new Date(finished.getTime() + delay),
        completedAt: succeeded || delay === null ? finished : null,
      },
    });
    if (updated.count === 0) return null;
    if (succeeded) {
      await recordEndpointSuccess(tx, endpoint.id);
      return null;
    }
    if (delay !== null) await queueDelivery(tx, delivery.id, new Date(finished.getTime() + delay));
    return recordEndpointFailure(tx, endpoint.id, delay === null, deps.health, finished);
  });
  if (disabledReason) {
    deps.warn(`webhook endpoint ${endpoint.id} (${endpoint.url}) disabled: ${disabledReason}`);
  }
}
