import { ButtonLink } from "../ui/button-link";

const copy = {
  role: {
    title: "Moderators only",
    text: "These pages are for the community's moderators and admins. If you should have access, ask an admin to change your role.",
  },
  suspended: {
    title: "Your account is suspended",
    text: "Moderation is paused for your account while the suspension lasts. The banner at the top says until when.",
  },
} as const;

/** What a signed-in account without access sees at /admin: the pages exist, they are not for it now. */
export function AdminForbidden({ reason }: { reason: keyof typeof copy }) {
  return (
    <div className="mx-auto max-w-md py-16 text-center" data-testid="admin-forbidden">
      <p className="text-sm font-semibold text-accent-700">403</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight text-zinc-900">{copy[reason].title}</h1>
      <p className="mt-2 text-sm text-zinc-600">{copy[reason].text}</p>
      <ButtonLink href="/" className="mt-6">
        Back to discussions
      </ButtonLink>
    </div>
  );
}
