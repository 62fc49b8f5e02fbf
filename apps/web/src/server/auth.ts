import { type AuthOptions, getServerSession } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import { z } from "zod";
import { DomainError, PostgresRateLimiter, signInWithPassword, text, upsertOAuthUser, validSessionUserId } from "@parley/api/server";
import { webEnv } from "~/env";
import { clientIp } from "./client-ip";
import { runtime } from "./runtime";

declare module "next-auth" {
  interface Session {
    user: { id: string; name?: string | null; email?: string | null };
    /** When this browser signed in (ms): sessions older than a password reset are refused. */
    signedInAt?: number;
  }
}
declare module "next-auth/jwt" {
  interface JWT {
    signedInAt?: number;
  }
}

// text(): the API's rule for every input string (no NUL, which PostgreSQL refuses with an error).
const credentialsSchema = z.object({ email: text().min(1).max(254), password: text().min(1).max(200) });

let cached: AuthOptions | undefined;

/** Built on first use, not at import: `next build` imports this module without a runtime env. */
export function authOptions(): AuthOptions {
  if (cached) return cached;
  const env = webEnv();
  const providers: AuthOptions["providers"] = [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      // Guarded like the API's sign-in: failures per email and per IP are limited.
      async authorize(credentials, req) {
        const parsed = credentialsSchema.safeParse(credentials);
        if (!parsed.success) return null;
        const { db } = await runtime();
        const headers = new Headers();
        const forwarded: unknown = req.headers?.["x-forwarded-for"];
        if (typeof forwarded === "string") headers.set("x-forwarded-for", forwarded);
        try {
          const user = await signInWithPassword(
            { db, limiter: new PostgresRateLimiter(db), nowMs: Date.now(), ip: clientIp(headers) },
            parsed.data,
          );
          return { id: user.id, email: user.email, name: user.displayName };
        } catch (error) {
          // A lockout (with the wait) and a ban (with the reason) are worth telling; anything else is "wrong email or password".
          if (error instanceof DomainError && (error.code === "RATE_LIMITED" || error.code === "FORBIDDEN"))
            throw new Error(error.message, { cause: error });
          if (error instanceof DomainError) return null;
          throw error;
        }
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
        // `account` is only there at sign-in (for credentials too).
        if (account) token.signedInAt = Date.now();
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
        if (token.signedInAt) session.signedInAt = token.signedInAt;
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

/** The signed-in account's id from the next-auth session cookie, or null (also when a
 * password reset has ended the session since). */
export async function sessionUserId(): Promise<string | null> {
  const session = await getServerSession(authOptions());
  if (!session?.user.id) return null;
  const { db } = await runtime();
  return validSessionUserId(db, { userId: session.user.id, signedInAtMs: session.signedInAt ?? null });
}
