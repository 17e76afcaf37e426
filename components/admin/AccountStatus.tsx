"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert, Button, inputClass } from "@/components/ui";
import { setDisabled } from "@/lib/actions/accounts";

/** One account's status on /admin/accounts: disable it (a reason is required) or enable it again. */
export function AccountStatus({ email, self, disabled }: { email: string; self: boolean; disabled: { since: string; reason: string } | null }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const id = `reason-${email.replace(/[^a-z0-9]/gi, "-")}`;

  async function submit(input: { disabled: boolean; reason?: string }) {
    setPending(true);
    const r = await setDisabled({ email, ...input });
    setPending(false);
    if (!r.ok) return setError(r.fieldErrors?.reason?.[0] ?? r.message);
    setError(null);
    router.refresh();
  }

  if (disabled)
    return (
      <div className="space-y-1">
        <p>
          <span className="font-medium text-red-800">Disabled</span> since {disabled.since}: {disabled.reason}
        </p>
        {error ? <Alert kind="error">{error}</Alert> : null}
        <Button variant="secondary" disabled={pending} onClick={() => submit({ disabled: false })} aria-label={`Enable ${email}`}>
          Enable
        </Button>
      </div>
    );
  if (self) return <span className="text-gray-600">Active (you)</span>;
  return (
    <form
      noValidate
      className="flex flex-wrap items-start gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        void submit({ disabled: true, reason: String(new FormData(e.currentTarget).get("reason") ?? "") });
      }}
    >
      <span className="sr-only">Active.</span>
      <label htmlFor={id} className="sr-only">
        Reason for disabling {email}
      </label>
      <input
        id={id}
        name="reason"
        placeholder="Reason"
        maxLength={500}
        className={`${inputClass} w-48 text-sm`}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      <Button type="submit" variant="danger" disabled={pending} aria-label={`Disable ${email}`}>
        Disable
      </Button>
      {error ? (
        <p id={`${id}-error`} role="alert" className="w-full text-sm text-red-800">
          {error}
        </p>
      ) : null}
    </form>
  );
}
