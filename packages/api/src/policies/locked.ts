import { type Viewer } from "../auth/viewer";
import { forbidden } from "../errors";
import { isModerator } from "./access";

/** A locked discussion takes posts and edits from moderators only. */
export function assertMayPostInLocked(viewer: Viewer, discussion: { locked: boolean }): void {
  if (discussion.locked && !isModerator(viewer)) {
    throw forbidden("This discussion is locked: only moderators can post in it");
  }
}
