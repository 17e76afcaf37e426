"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert, Button, Field, inputClass } from "@/components/ui";
import { isValidSnapName, SNAP_NAME_RULE } from "@/lib/snap/snap-yaml";
import { registerName } from "@/lib/actions/snaps";

/** Register a snap name: the name rule is checked as you type, the store answers the rest. */
export function RegisterNameForm() {
  const router = useRouter();
  const [name, setName] = useState("");
  const [touched, setTouched] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<{ name: string; status: "registered" | "pending-review" } | null>(null);

  const trimmed = name.trim();
  const localProblem = trimmed === "" ? null : isValidSnapName(trimmed) ? null : `Not a valid snap name: ${SNAP_NAME_RULE}.`;
  const shownError = (touched && localProblem) || error;

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setTouched(true);
    setDone(null);
    if (trimmed === "") return setError("Enter a snap name.");
    if (localProblem) return;
    setPending(true);
    setError(null);
    const res = await registerName({ name: trimmed });
    setPending(false);
    if (!res.ok) {
      setError(res.fieldErrors?.name?.join(" ") ?? res.message);
      return;
    }
    setDone(res.data);
    setName("");
    setTouched(false);
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Name registration">
      {done?.status === "registered" ? (
        <Alert kind="success">
          Registered{" "}
          <Link href={`/dashboard/snaps/${done.name}`} className="font-medium underline">
            {done.name}
          </Link>
          . You can upload revisions now.
        </Alert>
      ) : null}
      {done?.status === "pending-review" ? (
        <Alert kind="warning">
          The name <strong>{done.name}</strong> is reserved: your registration was sent to manual review. Uploads are accepted once the store approves it.
        </Alert>
      ) : null}
      <Field label="Snap name" id="register-name" error={shownError || undefined} hint={`Lowercase: ${SNAP_NAME_RULE}.`}>
        <div className="flex flex-wrap gap-2">
          <input
            id="register-name"
            name="name"
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              setError(null);
              if (e.target.value.trim().length >= 2) setTouched(true);
            }}
            onBlur={() => setTouched(true)}
            autoComplete="off"
            spellCheck={false}
            aria-invalid={shownError ? true : undefined}
            aria-describedby={shownError ? "register-name-error" : undefined}
            className={`${inputClass} max-w-sm flex-1 font-mono`}
          />
          <Button type="submit" disabled={pending}>
            {pending ? "Registering…" : "Register name"}
          </Button>
        </div>
      </Field>
      {trimmed && !localProblem && !error ? (
        <p className="-mt-2 mb-2 text-xs text-green-800" aria-live="polite">
          “{trimmed}” is a valid snap name.
        </p>
      ) : null}
    </form>
  );
}
