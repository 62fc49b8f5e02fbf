import { type ReactNode } from "react";

export function SettingsSection({ title, description, children }: { title: string; description?: string; children: ReactNode }) {
  return (
    <section aria-label={title}>
      <h2 className="text-base font-semibold text-zinc-900">{title}</h2>
      {description ? <p className="mb-3 mt-0.5 text-sm text-zinc-600">{description}</p> : null}
      {children}
    </section>
  );
}
