import { appendEvent, type Database, wakeEventReaders } from "@parley/db";
import { type IncomingHttpHeaders } from "node:http";
import { createSecretBox } from "../../src/webhooks/secret-box";
import { ALLOW_PRIVATE_TARGETS_SETTING } from "../../src/webhooks/settings";
import { ensureDispatchCursor } from "../../src/webhooks/queue";
import { generateWebhookSecret } from "../../src/webhooks/signing";
import { type WebhookEventType } from "../../src/webhooks/event-types";

export const TEST_APP_SECRET = "webhook-test-secret-".padEnd(48, "k");
export const box = createSecretBox(TEST_APP_SECRET);

/** An endpoint row as the API makes it: secret sealed, dispatcher's cursor started. */
export async function createEndpoint(
  db: Database,
  url: string,
  eventTypes: WebhookEventType[] = ["message.created"],
): Promise<{ id: string; secret: string }> {
  const secret = generateWebhookSecret();
  const endpoint = await db.$transaction(async (tx) => {
    await ensureDispatchCursor(tx);
    return tx.webhookEndpoint.create({ data: { url, eventTypes, secret: box.seal(secret) } });
  });
  return { id: endpoint.id, secret };
}

export async function setAllowPrivateTargets(db: Database, allow: boolean): Promise<void> {
  await db.siteSetting.upsert({
    where: { key: ALLOW_PRIVATE_TARGETS_SETTING },
    create: { key: ALLOW_PRIVATE_TARGETS_SETTING, value: allow },
    update: { value: allow },
  });
}

let counter = 0;

/** A message event as the API writes it, committed and announced. */
export async function emitMessage(db: Database, status = "published"): Promise<string> {
  const id = `00000000-0000-4000-8000-${String(++counter).padStart(12, "0")}`;
  await emit(db, {
    type: "message.created",
    message: { id, discussionId: "00000000-0000-4000-8000-0000000000d1", body: `message ${counter}`, status, statusReason: status === "published" ? null : "held for review" },
  });
  return id;
}

export async function emit(db: Database, event: { type: string } & Record<string, unknown>): Promise<void> {
  await db.$transaction((tx) => appendEvent(tx, null, event));
  await wakeEventReaders(db);
}

export function headersOf(headers: IncomingHttpHeaders): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).flatMap(([k, v]) => (typeof v === "string" ? [[k, v]] : [])),
  );
}
