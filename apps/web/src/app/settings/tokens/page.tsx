import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { TokensPanel } from "~/components/settings/tokens-panel";
import { serverApi } from "~/trpc/server";

export const metadata: Metadata = { title: "API tokens" };

export default async function TokensPage() {
  const { user } = await (await serverApi()).auth.me();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent("/settings/tokens")}`);
  return (
    <div className="mx-auto max-w-3xl">
      <h1 className="text-2xl font-semibold tracking-tight text-zinc-900">API tokens</h1>
      <p className="mb-6 mt-1 text-sm text-zinc-600">
        Personal tokens let scripts, bots and other clients use Parley as you: send one as{" "}
        <code className="rounded bg-zinc-100 px-1">Authorization: Bearer &lt;token&gt;</code> to{" "}
        <a className="text-accent-700 underline" href="/api/docs">
          the REST API
        </a>{" "}
        or the live WebSocket. Give each token only the scopes it needs.
      </p>
      <TokensPanel canGrantAdmin={user.role === "admin"} />
    </div>
  );
}
