import {
  listNotifications,
  markNotificationsRead,
  unreadNotificationCount,
} from "../../services/notifications";
import { authedProcedure, createTRPCRouter } from "../../trpc";
import {
  listNotificationsInput,
  listNotificationsOutput,
  listNotificationsRoute,
  markReadInput,
  markReadOutput,
  markReadRoute,
  unreadCountOutput,
  unreadCountRoute,
} from "./schemas";

// Reading and marking one's own notifications is allowed to suspended accounts and read-only
// tokens: it changes nothing anyone else sees.
export const notificationRouter = createTRPCRouter({
  list: authedProcedure
    .meta(listNotificationsRoute)
    .input(listNotificationsInput)
    .output(listNotificationsOutput)
    .query(({ ctx, input }) => listNotifications(ctx.db, ctx.viewer, input)),

  unreadCount: authedProcedure
    .meta(unreadCountRoute)
    .output(unreadCountOutput)
    .query(async ({ ctx }) => ({ count: await unreadNotificationCount(ctx.db, ctx.viewer) })),

  markRead: authedProcedure
    .meta(markReadRoute)
    .input(markReadInput)
    .output(markReadOutput)
    .mutation(({ ctx, input }) => markNotificationsRead(ctx.db, ctx.viewer, input)),
});
