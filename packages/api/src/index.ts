import { type inferRouterInputs, type inferRouterOutputs } from "@trpc/server";
import { appRouter, type AppRouter } from "./root";
import { createCallerFactory } from "./trpc";

export { appRouter, type AppRouter };
export { createTRPCContext, createInnerContext, type Context } from "./context";
export type { Runtime } from "./runtime";
export type { RateLimiter, RateRule, RateDecision } from "./rate-limit/limiter";
export { PostgresRateLimiter } from "./rate-limit/postgres-limiter";
/** Password sign-in with the guessing protection; next-auth's credentials provider should call this. */
export { signInWithPassword } from "./rate-limit/sign-in";
export type { LiveThreadEvent, LiveDiscussionEvent } from "./events/types";

/** Calls procedures in-process (server components, scripts, tests). */
export const createCaller = createCallerFactory(appRouter);

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
