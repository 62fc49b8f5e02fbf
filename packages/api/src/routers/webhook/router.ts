import { WEBHOOK_EVENT_DESCRIPTIONS, WEBHOOK_EVENT_TYPES } from "@parley/agent/webhooks";
import { z } from "zod";
import { adminProcedure, createTRPCRouter, publicProcedure } from "../../trpc";
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  getWebhookEndpoint,
  listWebhookDeliveries,
  listWebhookEndpoints,
  pingWebhook,
  readWebhookSettings,
  redeliverWebhook,
  rotateWebhookSecret,
  setWebhookEnabled,
  updateWebhookEndpoint,
  writeWebhookSettings,
} from "../../webhooks/service";
import { webhookDeliverySchema, webhookEndpointSchema } from "../../webhooks/views";
import {
  createRoute,
  createWebhookInput,
  deleteRoute,
  deliveriesInput,
  deliveriesRoute,
  disableRoute,
  disableWebhookInput,
  enableRoute,
  endpointIdInput,
  eventTypesOutput,
  eventTypesRoute,
  listRoute,
  pingRoute,
  redeliverInput,
  redeliverRoute,
  rotateRoute,
  settingsRoute,
  updateRoute,
  updateSettingsRoute,
  updateWebhookInput,
  webhookSettingsSchema,
  webhookWithSecretOutput,
} from "./schemas";

/** Admin-managed webhook endpoints (docs/webhooks.md); every change is audited. */
export const webhookRouter = createTRPCRouter({
  eventTypes: publicProcedure
    .meta(eventTypesRoute)
    .output(eventTypesOutput)
    .query(() => WEBHOOK_EVENT_TYPES.map((type) => ({ type, description: WEBHOOK_EVENT_DESCRIPTIONS[type] }))),

  list: adminProcedure
    .meta(listRoute)
    .output(z.array(webhookEndpointSchema))
    .query(({ ctx }) => listWebhookEndpoints(ctx.db)),

  get: adminProcedure
    .input(endpointIdInput)
    .output(webhookEndpointSchema)
    .query(({ ctx, input }) => getWebhookEndpoint(ctx.db, input.id)),

  create: adminProcedure
    .meta(createRoute)
    .input(createWebhookInput)
    .output(webhookWithSecretOutput)
    .mutation(({ ctx, input }) => createWebhookEndpoint(ctx.db, ctx.viewer, input)),

  update: adminProcedure
    .meta(updateRoute)
    .input(updateWebhookInput)
    .output(webhookEndpointSchema)
    .mutation(({ ctx, input }) => updateWebhookEndpoint(ctx.db, ctx.viewer, input)),

  delete: adminProcedure
    .meta(deleteRoute)
    .input(endpointIdInput)
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await deleteWebhookEndpoint(ctx.db, ctx.viewer, input.id);
      return { ok: true as const };
    }),

  rotateSecret: adminProcedure
    .meta(rotateRoute)
    .input(endpointIdInput)
    .output(webhookWithSecretOutput)
    .mutation(({ ctx, input }) => rotateWebhookSecret(ctx.db, ctx.viewer, input.id)),

  enable: adminProcedure
    .meta(enableRoute)
    .input(endpointIdInput)
    .output(webhookEndpointSchema)
    .mutation(({ ctx, input }) => setWebhookEnabled(ctx.db, ctx.viewer, input.id, true)),

  disable: adminProcedure
    .meta(disableRoute)
    .input(disableWebhookInput)
    .output(webhookEndpointSchema)
    .mutation(({ ctx, input }) => setWebhookEnabled(ctx.db, ctx.viewer, input.id, false, input.reason)),

  ping: adminProcedure
    .meta(pingRoute)
    .input(endpointIdInput)
    .output(webhookDeliverySchema)
    .mutation(({ ctx, input }) => pingWebhook(ctx.db, ctx.viewer, input.id)),

  deliveries: adminProcedure
    .meta(deliveriesRoute)
    .input(deliveriesInput)
    .output(z.object({ items: z.array(webhookDeliverySchema), nextCursor: z.string().nullable() }))
    .query(({ ctx, input }) => listWebhookDeliveries(ctx.db, input)),

  redeliver: adminProcedure
    .meta(redeliverRoute)
    .input(redeliverInput)
    .output(webhookDeliverySchema)
    .mutation(({ ctx, input }) => redeliverWebhook(ctx.db, ctx.viewer, input.deliveryId)),

  settings: adminProcedure
    .meta(settingsRoute)
    .output(webhookSettingsSchema)
    .query(({ ctx }) => readWebhookSettings(ctx.db)),

  updateSettings: adminProcedure
    .meta(updateSettingsRoute)
    .input(webhookSettingsSchema)
    .output(webhookSettingsSchema)
    .mutation(({ ctx, input }) => writeWebhookSettings(ctx.db, ctx.viewer, input)),
});
