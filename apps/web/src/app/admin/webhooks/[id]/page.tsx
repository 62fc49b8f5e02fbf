import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { AdminPageHeader } from "~/components/admin/admin-page-header";
import { AdminsOnly } from "~/components/admin/webhooks/admins-only";
import { EndpointDetail } from "~/components/admin/webhooks/endpoint-detail";
import { serverApi } from "~/trpc/server";

export const metadata: Metadata = { title: "Webhook endpoint" };

export default async function AdminWebhookEndpointPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const api = await serverApi();
  const { user } = await api.auth.me();
  if (user?.role !== "admin") return <AdminsOnly />;
  if (!z.uuid().safeParse(id).success) notFound();
  const endpoint = await api.webhook.get({ id }).catch((error: unknown) => {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") return null;
    throw error;
  });
  if (!endpoint) notFound();
  return (
    <>
      <AdminPageHeader title="Webhook endpoint" description="Every delivery with its attempts; redeliver sends the same body with the same webhook-id." />
      <EndpointDetail initialEndpoint={endpoint} />
    </>
  );
}
