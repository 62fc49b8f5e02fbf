import type { Metadata, Viewport } from "next";
import { type ReactNode } from "react";
import { Header } from "~/components/header";
import { ViewerProvider } from "~/components/viewer";
import { TRPCProvider } from "~/trpc/react";
import { serverApi } from "~/trpc/server";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Parley", template: "%s · Parley" },
  description: "Threaded discussions that update live.",
};

// Every page depends on who is signed in and on live data: nothing is prerendered.
export const dynamic = "force-dynamic";

export const viewport: Viewport = { themeColor: "#ffffff" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const { user } = await (await serverApi()).auth.me();
  return (
    <html lang="en">
      <body className="min-h-dvh font-sans">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:fixed focus:left-3 focus:top-3 focus:z-50 focus:rounded-md focus:bg-white focus:px-3 focus:py-2 focus:shadow"
        >
          Skip to content
        </a>
        <TRPCProvider>
          <ViewerProvider viewer={user}>
            <Header viewer={user} />
            <main id="main" className="mx-auto max-w-4xl px-4 py-8 sm:px-6">
              {children}
            </main>
          </ViewerProvider>
        </TRPCProvider>
      </body>
    </html>
  );
}
