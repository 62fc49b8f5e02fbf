import { adminRouter } from "./routers/admin/router";
import { agentRouter } from "./routers/agent/router";
import { authRouter } from "./routers/auth/router";
import { labelRouter } from "./routers/label/router";
import { discussionRouter } from "./routers/discussion/router";
import { liveRouter } from "./routers/live/router";
import { messageRouter } from "./routers/message/router";
import { flagRouter, reviewRouter } from "./routers/review/router";
import { notificationRouter } from "./routers/notification/router";
import { readingRouter } from "./routers/reading/router";
import { moderationRouter } from "./routers/moderation/router";
import { searchRouter } from "./routers/search/router";
import { tokensRouter } from "./routers/tokens/router";
import { userRouter } from "./routers/user/router";
import { webhookRouter } from "./routers/webhook/router";
import { createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  auth: authRouter,
  tokens: tokensRouter,
  discussion: discussionRouter,
  message: messageRouter,
  label: labelRouter,
  agent: agentRouter,
  live: liveRouter,
  admin: adminRouter,
  moderation: moderationRouter,
  flag: flagRouter,
  review: reviewRouter,
  notification: notificationRouter,
  reading: readingRouter,
  user: userRouter,
  search: searchRouter,
  webhook: webhookRouter,
});

export type AppRouter = typeof appRouter;
