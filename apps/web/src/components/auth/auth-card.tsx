import { type ReactNode } from "react";

export function AuthCard({ title, subtitle, children }: { title: string; subtitle: ReactNode; children: ReactNode }) {
  return (
    <div className="mx-auto max-w-sm pt-4 sm:pt-10">
      <h1 className="text-2xl font-semibold tracking-tight text-zinc-900">{title}</h1>
      <p className="mt-1.5 text-sm text-zinc-600">{subtitle}</p>
      <div className="mt-6 rounded-xl border border-zinc-200 bg-white p-6 shadow-sm">{children}</div>
    </div>
  );
}
