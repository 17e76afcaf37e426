import Link from "next/link";
import type { Metadata } from "next";
import type { ReactNode } from "react";
import { SiteHeader } from "@/components/SiteHeader";
import { getCurrentUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { unreadNotificationCount } from "@/lib/server/review-queue";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Snapstore", template: "%s · Snapstore" },
  description: "A self-hosted snap store: publish, review and install snaps.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = await getCurrentUser();
  const unread = user ? await unreadNotificationCount(getDb(), user) : 0;
  return (
    <html lang="en">
      <body className="min-h-screen bg-gray-50 font-sans text-gray-900 antialiased">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded focus:bg-white focus:px-3 focus:py-2">
          Skip to content
        </a>
        <SiteHeader user={user} unread={unread} />
        <main id="main" className="mx-auto max-w-6xl px-4 py-8">
          {children}
        </main>
        <footer className="border-t border-gray-200 py-6 text-center text-sm text-gray-600">
          Snapstore · a self-hostable snap store ·{" "}
          <Link href="/interfaces" className="underline">
            Supported interfaces
          </Link>
        </footer>
      </body>
    </html>
  );
}
