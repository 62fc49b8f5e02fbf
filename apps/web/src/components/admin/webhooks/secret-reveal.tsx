"use client";

import { useState } from "react";
import { Alert } from "../../ui/alert";
import { Button } from "../../ui/button";

/** A new signing secret: shown this once, never again (only its sealed form is stored). */
export function SecretReveal({ secret, onDismiss, rotated }: { secret: string; onDismiss: () => void; rotated?: boolean }) {
  const [copied, setCopied] = useState(false);
  return (
    <Alert tone="warning" className="space-y-2">
      <p className="font-medium">
        {rotated
          ? "New signing secret. The previous one keeps signing for 24 hours, so switch your receiver over before then."
          : "Signing secret. Copy it now: it is not shown again."}
      </p>
      <code data-testid="webhook-secret" className="block break-all rounded bg-white px-2 py-1.5 font-mono text-xs text-zinc-900 ring-1 ring-amber-200">
        {secret}
      </code>
      <div className="flex gap-2">
        <Button
          size="xs"
          variant="secondary"
          onClick={() => {
            void navigator.clipboard.writeText(secret).then(() => setCopied(true));
          }}
        >
          {copied ? "Copied" : "Copy"}
        </Button>
        <Button size="xs" variant="ghost" onClick={onDismiss}>
          I have stored it
        </Button>
      </div>
    </Alert>
  );
}
