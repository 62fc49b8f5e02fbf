/** What the API and the web app need from mail, without the worker runtime: the job payload,
 * enqueueing in the caller's transaction, and the dev outbox reader. */
export {
  MAIL_TASK,
  mailJobPayloadSchema,
  type MailJobPayload,
  type MailContent,
  type MailTemplate,
} from "./contracts";
export { enqueueMail, MAIL_MAX_ATTEMPTS } from "./enqueue";
export { readOutbox, outboxDir, type OutboxEntry } from "./outbox";
export {
  signUnsubscribe,
  verifyUnsubscribe,
  notificationMailKinds,
  type NotificationMailKind,
} from "./unsubscribe";
