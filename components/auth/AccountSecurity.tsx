"use client";
import { signOut } from "next-auth/react";
import { useState } from "react";
import { Alert, Button, Field, inputClass } from "@/components/ui";
import { changeOwnPassword, signOutEverywhereAction } from "@/lib/actions/accounts";

/** Password change and "sign out everywhere": both end every session, so both end with a sign-in. */
export function AccountSecurity() {
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [pending, setPending] = useState(false);

  async function onChangePassword(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setPending(true);
    const form = new FormData(e.currentTarget);
    const res = await changeOwnPassword({
      currentPassword: String(form.get("currentPassword") ?? ""),
      newPassword: String(form.get("newPassword") ?? ""),
      confirm: String(form.get("confirm") ?? ""),
    });
    if (!res.ok) {
      setPending(false);
      setError(res.message);
      setFieldErrors(res.fieldErrors ?? {});
      return;
    }
    await signOut({ callbackUrl: "/signin?callbackUrl=%2Faccount" });
  }

  async function onSignOutEverywhere() {
    setPending(true);
    const res = await signOutEverywhereAction({});
    if (!res.ok) {
      setPending(false);
      setError(res.message);
      return;
    }
    await signOut({ callbackUrl: "/signin" });
  }

  return (
    <div className="space-y-8">
      {error ? <Alert>{error}</Alert> : null}
      <form onSubmit={onChangePassword} noValidate aria-labelledby="change-password">
        <h2 id="change-password" className="mb-1 text-lg font-semibold">
          Change password
        </h2>
        <p className="mb-3 text-sm text-gray-600">This signs you out on every device and revokes your API tokens (the CLI must log in again).</p>
        <Field label="Current password" id="currentPassword" error={fieldErrors.currentPassword}>
          <input id="currentPassword" name="currentPassword" type="password" autoComplete="current-password" required className={inputClass} />
        </Field>
        <Field label="New password" id="newPassword" error={fieldErrors.newPassword} hint="At least 8 characters.">
          <input id="newPassword" name="newPassword" type="password" autoComplete="new-password" required className={inputClass} />
        </Field>
        <Field label="New password again" id="confirm" error={fieldErrors.confirm}>
          <input id="confirm" name="confirm" type="password" autoComplete="new-password" required className={inputClass} />
        </Field>
        <Button type="submit" disabled={pending}>
          Change password
        </Button>
      </form>
      <section aria-labelledby="sessions">
        <h2 id="sessions" className="mb-1 text-lg font-semibold">
          Sessions
        </h2>
        <p className="mb-3 text-sm text-gray-600">Signed in on a computer you no longer use? End every session, this one included. API tokens keep working.</p>
        <Button type="button" variant="secondary" disabled={pending} onClick={onSignOutEverywhere}>
          Sign out everywhere
        </Button>
      </section>
    </div>
  );
}
