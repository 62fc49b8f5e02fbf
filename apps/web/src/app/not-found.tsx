import { ButtonLink } from "~/components/ui/button-link";

export default function NotFound() {
  return (
    <div className="mx-auto max-w-md py-16 text-center">
      <p className="text-sm font-semibold text-accent-700">404</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight text-zinc-900">Nothing here</h1>
      <p className="mt-2 text-sm text-zinc-600">This page or discussion does not exist, or it was moved.</p>
      <ButtonLink href="/" className="mt-6">
        Back to discussions
      </ButtonLink>
    </div>
  );
}
