import { type Viewer } from "../auth/viewer";
import { DomainError, forbidden } from "../errors";

/** Staff rights need the role and, through a personal API token, the token's `admin` scope. */
export const hasStaffScope = (viewer: Viewer | null) => Boolean(viewer?.scopes.includes("admin"));

export const isModerator = (viewer: Viewer | null) =>
  (viewer?.role === "moderator" || viewer?.role === "admin") && hasStaffScope(viewer);

export const isAdmin = (viewer: Viewer | null) => viewer?.role === "admin" && hasStaffScope(viewer);

/** Why a staff-only call was refused: the role, or a personal token without the admin scope. */
export const staffRefusal = (viewer: Viewer, roleMessage: string) =>
  viewer.role !== "member" && !hasStaffScope(viewer) ? "This token has no admin scope" : roleMessage;

/** Suspended accounts may read but not write; they are told until when. */
export function assertMayWrite(viewer: Viewer, now = new Date()): void {
  if (viewer.status === "suspended" && (!viewer.suspendedUntil || viewer.suspendedUntil > now)) {
    const until = viewer.suspendedUntil ? ` until ${viewer.suspendedUntil.toISOString()}` : "";
    const reason = viewer.statusReason ? `: ${viewer.statusReason}` : "";
    throw forbidden(`Your account is suspended${until}${reason}`);
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
