import { streamEvents } from "../../events/stream";
import { type OutboxEvent } from "../../events/types";
import { withTypedErrors } from "../../errors";
import { authedProcedure } from "../../trpc";
import { type NotificationCreatedEvent } from "../../views/notification";
import { notificationEventsInput } from "./schemas";

/** The viewer's own new notifications, live; the filter runs here, on the server. */
export const notificationEvents = authedProcedure
  .input(notificationEventsInput)
  .subscription(({ ctx, input, signal }) => {
    const forViewer = (e: OutboxEvent): e is NotificationCreatedEvent =>
      e.type === "notification.created" && e.userId === ctx.viewer.id;
    return withTypedErrors(
      streamEvents({
        db: ctx.db,
        bus: ctx.events,
        signal,
        lastEventId: input.lastEventId,
        viewer: ctx.viewer,
        accept: forViewer,
      }),
    );
  });
