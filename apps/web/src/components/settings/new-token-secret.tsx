"use client";

import { useState } from "react";
import { Button } from "../ui/button";

/** The new token's secret, shown this once (the server keeps only its hash). */
export function NewTokenSecret({ name, token, onDone }: { name: string; token: string; onDone: () => void }) {
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(token);
      setCopied("yes");
    } catch {
      setCopied("failed");
    }
  }

  return (
    <div role="status" className="space-y-3 rounded-xl border border-amber-200 bg-amber-50 p-5" data-testid="new-token">
      <p className="text-sm font-medium text-amber-900">
        Copy the token “{name}” now: it is shown only once. If you lose it, revoke it and create another.
      </p>
      <div className="flex items-center gap-2">
        <input
          readOnly
          value={token}
          aria-label="New token"
          className="block w-full rounded-md border border-amber-300 bg-white px-3 py-2 font-mono text-xs text-zinc-900"
          onFocus={(event) => event.currentTarget.select()}
        />
        <Button variant="secondary" onClick={() => void copy()}>
          {copied === "yes" ? "Copied" : "Copy"}
        </Button>
      </div>
      {copied === "failed" ? <p className="text-xs text-amber-900">Copying is not allowed here: select the token and copy it by hand.</p> : null}
      <div className="flex justify-end">
        <Button variant="ghost" size="sm" onClick={onDone}>
          I have saved it
        </Button>
      </div>
    </div>
  );
}
