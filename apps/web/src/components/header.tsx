import Link from "next/link";
import { Avatar } from "./ui/avatar";
import { Badge } from "./ui/badge";
import { ButtonLink } from "./ui/button-link";
import { AdminLink } from "./moderation/admin-link";
import { NotificationBell } from "./notifications/notification-bell";
import { HeaderSearch } from "./search/header-search";
import { SuspendedBanner } from "./moderation/suspended-banner";
import { SignOutButton } from "./sign-out-button";
import { type Viewer } from "./viewer";

const roleLabel = { admin: "Admin", moderator: "Moderator", member: "Member" } as const;

export function Header({ viewer }: { viewer: Viewer | null }) {
  return (
    <header className="sticky top-0 z-20 border-b border-zinc-200 bg-white/90 backdrop-blur">
      <div className="mx-auto flex h-14 max-w-4xl items-center justify-between gap-4 px-4 sm:px-6">
        <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight text-zinc-900">
          <span aria-hidden className="grid size-7 place-items-center rounded-md bg-accent-600 text-sm text-white">
            P
          </span>
          Parley
        </Link>
        <HeaderSearch />
        <nav aria-label="Account" className="flex items-center gap-2 sm:gap-3">
          {viewer ? (
            <>
              <div className="flex items-center gap-2" data-testid="viewer">
                <Avatar id={viewer.id} name={viewer.displayName} size="sm" />
                <span className="hidden text-sm font-medium text-zinc-800 sm:inline">{viewer.displayName}</span>
                <Badge tone={viewer.role === "member" ? "neutral" : "accent"}>{roleLabel[viewer.role]}</Badge>
              </div>
              <AdminLink viewer={viewer} />
              <NotificationBell />
              <ButtonLink href="/settings/account" variant="ghost" size="sm" className="hidden sm:inline-flex">
                Account
              </ButtonLink>
              <ButtonLink href="/settings/tokens" variant="ghost" size="sm" className="hidden sm:inline-flex">
                API tokens
              </ButtonLink>
              <SignOutButton />
            </>
          ) : (
            <>
              <ButtonLink href="/sign-in" variant="ghost" size="sm">
                Sign in
              </ButtonLink>
              <ButtonLink href="/sign-up" size="sm">
                Sign up
              </ButtonLink>
            </>
          )}
        </nav>
      </div>
      <SuspendedBanner viewer={viewer} />
    </header>
  );
}
