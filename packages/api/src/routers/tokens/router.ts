import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { isAdmin } from "../../policies/access";
import { createPersonalToken, listTokens, revokeToken } from "../../services/tokens";
import { authedProcedure, createTRPCRouter, memberProcedure, rateLimited } from "../../trpc";
import {
  createTokenInput,
  createTokenOutput,
  createTokenRoute,
  listTokensRoute,
  revokeTokenInput,
  revokeTokenRoute,
  tokenSchema,
} from "./schemas";

type TokenRow = Awaited<ReturnType<typeof listTokens>>[number];
const toTokenView = (t: TokenRow) => ({
  ...t,
  lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
  expiresAt: t.expiresAt?.toISOString() ?? null,
  createdAt: t.createdAt.toISOString(),
});

export const tokensRouter = createTRPCRouter({
  list: authedProcedure
    .meta(listTokensRoute)
    .output(z.array(tokenSchema))
    .query(async ({ ctx }) => (await listTokens(ctx.db, ctx.viewer.id)).map(toTokenView)),

  /** The secret is in this answer only; the database keeps its hash. */
  create: memberProcedure
    .use(rateLimited("token.create"))
    .meta(createTokenRoute)
    .input(createTokenInput)
    .output(createTokenOutput)
    .mutation(async ({ ctx, input }) => {
      if (input.scopes.includes("admin") && !isAdmin(ctx.viewer))
        throw new TRPCError({ code: "FORBIDDEN", message: "Only admins may grant the admin scope" });
      const expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null;
      const { token, ...row } = await createPersonalToken(ctx.db, ctx.viewer.id, { name: input.name, scopes: [...new Set(input.scopes)], expiresAt });
      return { ...toTokenView(row), token };
    }),

  revoke: authedProcedure
    .meta(revokeTokenRoute)
    .input(revokeTokenInput)
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await revokeToken(ctx.db, ctx.viewer.id, input.id);
      return { ok: true as const };
    }),
});
