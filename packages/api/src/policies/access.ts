import { type Viewer } from "../auth/viewer";
import { DomainError, forbidden } from "../errors";

export const isModerator = (viewer: Viewer | null) =>
  viewer?.role === "moderator" || viewer?.role === "admin";

/** Suspended accounts may read but not write; they are told until when. */
export function assertMayWrite(viewer: Viewer, now = new Date()): void {
  if (viewer.status === "suspended" && (!viewer.suspendedUntil || viewer.suspendedUntil > now)) {
    const until = viewer.suspendedUntil ? ` until ${viewer.suspendedUntil.toISOString()}` : "";
    throw forbidden(`Your account is suspended${until}`);
  }
  if (!viewer.scopes.includes("write")) {
    throw new DomainError("FORBIDDEN", "This token has no write scope");
  }
}

export const canEditDiscussion = (viewer: Viewer, discussion: { createdById: string }) =>
  discussion.createdById === viewer.id || isModerator(viewer);

export const canDeleteMessage = (viewer: Viewer, message: { authorId: string }) =>
  message.authorId === viewer.id || isModerator(viewer);

/** Discussions are public to read today; this is the one place that changes when they aren't. */
export const canReadDiscussion = (_viewer: Viewer | null, _discussion: { id: string }) => true;
