export {
  createParleyClient,
  type EventSourceConstructor,
  type ParleyClient,
  type ParleyClientOptions,
  type TokenSource,
} from "./client";
export { signIn, type Session } from "./sign-in";
export {
  backoffDelay,
  isRetryableSubscriptionError,
  subscriptionRetryLinks,
  type SubscriptionRetryOptions,
} from "./subscription-retry";
export type {
  AppRouter,
  LiveDiscussionEvent,
  LiveEvents,
  LiveThreadEvent,
  RouterInputs,
  RouterOutputs,
  SubscriptionEvent,
} from "./types";
export { isTRPCClientError, TRPCClientError } from "@trpc/client";
