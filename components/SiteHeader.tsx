import Link from "next/link";
import { navFor, type Role } from "@/lib/auth/roles";
import { SignOutButton } from "./auth/SignOutButton";

export function SiteHeader({ user, unread = 0 }: { user: { email: string; name: string | null; role: Role } | null; unread?: number }) {
  const items = navFor(user?.role ?? null);
  return (
    <header className="border-b border-gray-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <Link href="/" className="flex items-center gap-2 text-lg font-semibold text-gray-900">
          <span aria-hidden className="inline-block h-6 w-6 rounded bg-brand-600" />
          Snapstore
        </Link>
        {/* Phones: the links get their own row and wrap (a sideways-scrolling strip hid the admin's
            last links off screen); wider screens: one row. */}
        <nav aria-label="Main" className="order-last -mx-1 flex w-full flex-wrap gap-1 whitespace-nowrap sm:order-none sm:mx-0 sm:w-auto sm:flex-1">
          {items.map((item) => (
            <Link key={item.href} href={item.href} className="rounded-md px-3 py-2 text-sm text-gray-700 hover:bg-gray-100">
              {item.label}
            </Link>
          ))}
        </nav>
        <div className="ml-auto flex items-center gap-2 text-sm">
          {user ? (
            <>
              <Link
                href="/notifications"
                className="rounded-md px-2 py-1 text-gray-700 hover:bg-gray-100"
                aria-label={`Notifications: ${unread} unread`}
                data-testid="notification-counter"
              >
                🔔 <span className={unread ? "rounded-full bg-brand-600 px-1.5 text-xs font-semibold text-white" : "text-xs text-gray-500"}>{unread}</span>
              </Link>
              <Link href="/account" className="text-gray-700 hover:underline" data-testid="current-user" title="Your account: password and sessions">
                {user.name ?? user.email} <span className="text-gray-500">({user.role})</span>
              </Link>
              <SignOutButton />
            </>
          ) : (
            <>
              <Link href="/signin" className="rounded-md px-3 py-2 text-gray-700 hover:bg-gray-100">
                Sign in
              </Link>
              <Link href="/signup" className="rounded-md bg-brand-600 px-3 py-2 font-medium text-white hover:bg-brand-700">
                Create account
              </Link>
            </>
          )}
        </div>
      </div>
    </header>
  );
}
