"use client";

import { Button } from "~/components/ui/button";

export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="mx-auto max-w-md py-16 text-center" role="alert">
      <h1 className="text-2xl font-semibold tracking-tight text-zinc-900">Something went wrong</h1>
      <p className="mt-2 text-sm text-zinc-600">The page could not be loaded. It is probably temporary.</p>
      <Button className="mt-6" onClick={reset}>
        Try again
      </Button>
    </div>
  );
}
