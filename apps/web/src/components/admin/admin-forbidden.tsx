import { ButtonLink } from "../ui/button-link";

/** What a signed-in member sees at /admin: the pages exist, they are not for this account. */
export function AdminForbidden() {
  return (
    <div className="mx-auto max-w-md py-16 text-center" data-testid="admin-forbidden">
      <p className="text-sm font-semibold text-accent-700">403</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight text-zinc-900">Moderators only</h1>
      <p className="mt-2 text-sm text-zinc-600">
        These pages are for the community&apos;s moderators and admins. If you should have access, ask an admin to change your role.
      </p>
      <ButtonLink href="/" className="mt-6">
        Back to discussions
      </ButtonLink>
    </div>
  );
}
