export { createParleyClient, type EventSourceConstructor, type ParleyClient, type ParleyClientOptions, type TokenSource } from "./client";
export { signIn, type Session } from "./sign-in";
export {
  backoffDelay,
  isRetryableSubscriptionError,
  subscriptionRetryLinks,
  type SubscriptionRetryOptions,
} from "./subscription-retry";
export type { AppRouter, LiveDiscussionEvent, LiveThreadEvent, RouterInputs, RouterOutputs } from "./types";
export { isTRPCClientError, TRPCClientError } from "@trpc/client";
