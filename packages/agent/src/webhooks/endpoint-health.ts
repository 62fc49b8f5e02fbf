import { type Prisma } from "@parley/db";

export interface HealthRules {
  /** Disable once every delivery has failed for this long (ms). */
  disableAfterMs: number;
  /** Disable after this many deliveries in a row failed every retry. */
  disableAfterExhausted: number;
}

/**
 * After a failed try: marks when the endpoint started failing, and disables it (with a reason
 * admins see, and an audit-log row with no actor: the system did it) once it has failed for
 * too long. Returns the reason when it disabled the endpoint now.
 */
export async function recordEndpointFailure(
  tx: Prisma.TransactionClient,
  endpointId: string,
  exhausted: boolean,
  rules: HealthRules,
  now: Date,
): Promise<string | null> {
  const endpoint = await tx.webhookEndpoint.findUnique({
    where: { id: endpointId },
    select: { enabled: true, failingSince: true },
  });
  if (!endpoint?.enabled) return null;
  const failingSince = endpoint.failingSince ?? now;
  if (!endpoint.failingSince) {
    await tx.webhookEndpoint.update({ where: { id: endpointId }, data: { failingSince } });
  }

  let reason: string | null = null;
  const failingForMs = now.getTime() - failingSince.getTime();
  if (endpoint.failingSince && failingForMs >= rules.disableAfterMs) {
    const days = Math.round((failingForMs / 86_400_000) * 10) / 10;
    reason = `Every delivery failed for ${days} days (since ${failingSince.toISOString()}).`;
  } else if (exhausted) {
    const recent = await tx.webhookDelivery.findMany({
      where: { endpointId, completedAt: { not: null } },
      orderBy: { completedAt: "desc" },
      take: rules.disableAfterExhausted,
      select: { status: true },
    });
    if (
      recent.length >= rules.disableAfterExhausted &&
      recent.every((d) => d.status === "failed")
    ) {
      reason = `${rules.disableAfterExhausted} deliveries in a row failed every retry.`;
    }
  }
  if (!reason) return null;

  await tx.webhookEndpoint.update({
    where: { id: endpointId },
    data: { enabled: false, disabledAt: now, disabledReason: reason },
  });
  await tx.auditLog.create({
    data: {
      actorId: null,
      action: "webhook.disabled",
      targetType: "webhook_endpoint",
      targetId: endpointId,
      before: { enabled: true },
      after: { enabled: false, disabledReason: reason },
    },
  });
  return reason;
}

/** A success ends the failing streak. */
export async function recordEndpointSuccess(
  tx: Prisma.TransactionClient,
  endpointId: string,
): Promise<void> {
  await tx.webhookEndpoint.updateMany({
    where: { id: endpointId, failingSince: { not: null } },
    data: { failingSince: null },
  });
}
