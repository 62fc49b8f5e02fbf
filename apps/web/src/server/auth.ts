import { type AuthOptions, getServerSession } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import { z } from "zod";
import { authenticateWithPassword, upsertOAuthUser } from "@parley/api/server";
import { webEnv } from "~/env";
import { runtime } from "./runtime";

declare module "next-auth" {
  interface Session {
    user: { id: string; name?: string | null; email?: string | null };
  }
}

const credentialsSchema = z.object({ email: z.string().min(1).max(254), password: z.string().min(1).max(200) });

let cached: AuthOptions | undefined;

/** Built on first use, not at import: `next build` imports this module without a runtime env. */
export function authOptions(): AuthOptions {
  if (cached) return cached;
  const env = webEnv();
  const providers: AuthOptions["providers"] = [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials) {
        const parsed = credentialsSchema.safeParse(credentials);
        if (!parsed.success) return null;
        const { db } = await runtime();
        const user = await authenticateWithPassword(db, parsed.data);
        return user ? { id: user.id, email: user.email, name: user.displayName } : null;
      },
    }),
  ];
  if (env.GITHUB_ID && env.GITHUB_SECRET) {
    providers.push(GitHubProvider({ clientId: env.GITHUB_ID, clientSecret: env.GITHUB_SECRET }));
  }

  cached = {
    secret: env.APP_SECRET_KEY,
    session: { strategy: "jwt" },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers,
    callbacks: {
      // An OAuth sign-in needs an email to link or create the Parley account.
      signIn({ account, user }) {
        if (account?.type === "oauth") return Boolean(user.email);
        return true;
      },
      async jwt({ token, user, account }) {
        if (account?.type === "oauth" && user.email) {
          const { db } = await runtime();
          const linked = await upsertOAuthUser(db, {
            provider: account.provider,
            providerAccountId: account.providerAccountId,
            email: user.email,
            name: user.name ?? null,
          });
          token.sub = linked.id;
          token.name = linked.displayName;
        }
        return token;
      },
      // Only the id matters: role and status are re-read from the database on every request.
      session({ session, token }) {
        if (token.sub) session.user = { ...session.user, id: token.sub };
        return session;
      },
    },
  };
  return cached;
}

export function githubSignInEnabled(): boolean {
  const env = webEnv();
  return Boolean(env.GITHUB_ID && env.GITHUB_SECRET);
}

/** The signed-in account's id from the next-auth session cookie, or null. */
export async function sessionUserId(): Promise<string | null> {
  const session = await getServerSession(authOptions());
  return session?.user.id ?? null;
}
