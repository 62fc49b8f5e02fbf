import type { Metadata } from "next";
import { AdminPageHeader } from "~/components/admin/admin-page-header";
import { AdminsOnly } from "~/components/admin/webhooks/admins-only";
import { PrivateTargetsSetting } from "~/components/admin/webhooks/private-targets-setting";
import { WebhookManager } from "~/components/admin/webhooks/webhook-manager";
import { serverApi } from "~/trpc/server";

export const metadata: Metadata = { title: "Webhooks" };

export default async function AdminWebhooksPage() {
  const api = await serverApi();
  const { user } = await api.auth.me();
  if (user?.role !== "admin") return <AdminsOnly />;
  const [endpoints, eventTypes, settings] = await Promise.all([api.webhook.list(), api.webhook.eventTypes(), api.webhook.settings()]);
  return (
    <>
      <AdminPageHeader
        title="Webhooks"
        description="Signed HTTP callbacks (Standard Webhooks) for public events. Failed deliveries are retried for about a day; an endpoint that keeps failing is disabled and shown here. See docs/webhooks.md for payloads and verification."
      />
      <div className="space-y-4">
        <WebhookManager initialEndpoints={endpoints} eventTypes={eventTypes} />
        <PrivateTargetsSetting initial={settings.allowPrivateTargets} />
      </div>
    </>
  );
}
