import { ButtonLink } from "../ui/button-link";
import { type Viewer } from "../viewer";

/** The way into /admin, for moderators and admins (the pages check the role again on the server). */
export function AdminLink({ viewer }: { viewer: Viewer | null }) {
  if (viewer?.role !== "moderator" && viewer?.role !== "admin") return null;
  return (
    <ButtonLink href="/admin" variant="ghost" size="sm">
      Admin
    </ButtonLink>
  );
}
