"use client";

import { type SubmitEvent, useState } from "react";
import { api } from "~/trpc/react";
import { errorMessage, fieldErrors } from "~/trpc/errors";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { TextField } from "../ui/field";
import { formText } from "../ui/form-data";
import { Spinner } from "../ui/spinner";
import { NewTokenSecret } from "./new-token-secret";
import { EXPIRY_CHOICES, type Scope, SCOPES } from "./token-scopes";
import { TokenRow } from "./token-row";

/** Create personal API tokens (the secret shown once), see them with their last use, revoke them. */
export function TokensPanel({ canGrantAdmin }: { canGrantAdmin: boolean }) {
  const utils = api.useUtils();
  const tokens = api.tokens.list.useQuery();
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const create = api.tokens.create.useMutation({
    onSuccess: (token) => {
      setCreated({ name: token.name, token: token.token });
      void utils.tokens.list.invalidate();
    },
  });

  function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const scopes = form.getAll("scopes").filter((s): s is Scope => SCOPES.some((o) => o.scope === s));
    const days = formText(form, "expiresInDays");
    create.mutate(
      { name: formText(form, "name"), scopes, expiresInDays: days === "never" ? null : Number(days) },
      { onSuccess: () => formElement.reset() },
    );
  }

  const fields = fieldErrors(create.error);
  const offered = SCOPES.filter((s) => !s.adminOnly || canGrantAdmin);
  // Personal tokens only: the sign-in tokens of other clients are not managed here.
  const personal = tokens.data?.filter((t) => t.kind === "personal") ?? [];

  return (
    <div className="space-y-8">
      <form onSubmit={onSubmit} aria-label="New token" className="space-y-4 rounded-xl border border-zinc-200 bg-white p-5 shadow-sm">
        <h2 className="text-base font-semibold text-zinc-900">New token</h2>
        {create.error && !fields.name && !fields.scopes ? <Alert>{errorMessage(create.error)}</Alert> : null}
        <TextField label="Name" name="name" required maxLength={80} placeholder="e.g. release-notes bot" error={fields.name} />
        <fieldset>
          <legend className="mb-1.5 text-sm font-medium text-zinc-800">Scopes</legend>
          <div className="space-y-1.5">
            {offered.map((option) => (
              <label key={option.scope} className="flex items-start gap-2 text-sm text-zinc-700">
                <input type="checkbox" name="scopes" value={option.scope} defaultChecked={option.scope === "read"} className="mt-0.5" />
                <span>
                  <span className="font-medium text-zinc-900">{option.label}</span> — {option.description}
                </span>
              </label>
            ))}
          </div>
          {fields.scopes ? <p className="mt-1.5 text-xs text-red-700">Choose at least one scope.</p> : null}
        </fieldset>
        <label className="block text-sm font-medium text-zinc-800">
          Expires
          <select name="expiresInDays" defaultValue="90" className="ml-2 rounded-md border border-zinc-300 bg-white px-2 py-1 text-sm">
            {EXPIRY_CHOICES.map((choice) => (
              <option key={choice.label} value={choice.days ?? "never"}>
                {choice.label}
              </option>
            ))}
          </select>
        </label>
        <div className="flex justify-end">
          <Button type="submit" disabled={create.isPending}>
            {create.isPending ? "Creating…" : "Create token"}
          </Button>
        </div>
      </form>

      {created ? <NewTokenSecret name={created.name} token={created.token} onDone={() => setCreated(null)} /> : null}

      <section aria-labelledby="tokens-heading">
        <h2 id="tokens-heading" className="mb-3 text-base font-semibold text-zinc-900">
          Your tokens
        </h2>
        {tokens.isPending ? <Spinner /> : null}
        {tokens.error ? <Alert>{errorMessage(tokens.error)}</Alert> : null}
        {tokens.data && personal.length === 0 ? <p className="text-sm text-zinc-600">No personal tokens yet.</p> : null}
        {personal.length > 0 ? (
          <div className="overflow-x-auto rounded-xl border border-zinc-200 bg-white shadow-sm">
            <table className="w-full text-left text-sm">
              <thead className="border-b border-zinc-200 text-xs uppercase tracking-wide text-zinc-500">
                <tr>
                  <th className="px-3 py-2 font-medium">Name</th>
                  <th className="px-3 py-2 font-medium">Token</th>
                  <th className="px-3 py-2 font-medium">Scopes</th>
                  <th className="px-3 py-2 font-medium">Created</th>
                  <th className="px-3 py-2 font-medium">Last used</th>
                  <th className="px-3 py-2 font-medium">Expires</th>
                  <th className="px-3 py-2">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {personal.map((token) => (
                  <TokenRow key={token.id} token={token} />
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
    </div>
  );
}
