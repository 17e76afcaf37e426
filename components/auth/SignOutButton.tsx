"use client";
import { signOut } from "next-auth/react";

export function SignOutButton() {
  return (
    <button type="button" onClick={() => signOut({ callbackUrl: "/" })} className="rounded-md px-3 py-2 text-sm text-gray-700 hover:bg-gray-100">
      Sign out
    </button>
  );
}
