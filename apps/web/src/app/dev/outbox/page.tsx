import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { readOutbox } from "@parley/api/server";
import { webEnv } from "~/env";

export const metadata: Metadata = { title: "Dev outbox" };
export const dynamic = "force-dynamic";

/** Development only: the mail the worker wrote to .data/outbox because SMTP_URL is unset. */
export default async function OutboxPage() {
  if (webEnv().NODE_ENV === "production") notFound();
  const mails = await readOutbox(50);
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="text-2xl font-semibold tracking-tight text-zinc-900">Dev outbox</h1>
      <p className="mb-6 mt-1 text-sm text-zinc-600">
        With no <code className="rounded bg-zinc-100 px-1">SMTP_URL</code>, the worker writes every
        mail to <code className="rounded bg-zinc-100 px-1">.data/outbox</code> (the .eml files open
        in any mail client). The newest 50 are here. This page does not exist in production.
      </p>
      {mails.length === 0 ? <p className="text-sm text-zinc-600">No mail yet.</p> : null}
      <ul className="space-y-3">
        {mails.map((mail) => (
          <li
            key={mail.id}
            className="rounded-lg border border-zinc-200 bg-white"
            data-testid="outbox-mail"
          >
            <details>
              <summary className="cursor-pointer px-4 py-3 text-sm">
                <span className="font-medium text-zinc-900">{mail.subject}</span>
                <span className="ml-2 text-zinc-600">to {mail.to}</span>
                <time className="ml-2 text-zinc-400" dateTime={mail.date}>
                  {mail.date.replace("T", " ").slice(0, 19)} UTC
                </time>
              </summary>
              <div className="space-y-3 border-t border-zinc-200 p-4">
                <pre
                  className="whitespace-pre-wrap break-words text-sm text-zinc-800"
                  data-testid="outbox-text"
                >
                  {mail.text}
                </pre>
                {/* The HTML part as a recipient sees it, sandboxed: no scripts, no same-origin access. */}
                <iframe
                  title={`HTML of ${mail.subject}`}
                  sandbox=""
                  srcDoc={mail.html}
                  className="h-96 w-full rounded border border-zinc-200"
                />
              </div>
            </details>
          </li>
        ))}
      </ul>
    </div>
  );
}
