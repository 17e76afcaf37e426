"use client";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert, Button, Field, inputClass } from "@/components/ui";
import { signUp } from "@/lib/actions/accounts";

export function SignUpForm() {
  const router = useRouter();
  const [publisher, setPublisher] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [pending, setPending] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setPending(true);
    const form = new FormData(e.currentTarget);
    const input = {
      name: String(form.get("name") ?? ""),
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      publisher,
      username: publisher ? String(form.get("username") ?? "") : undefined,
    };
    const res = await signUp(input);
    if (!res.ok) {
      setPending(false);
      setError(res.message);
      setFieldErrors(res.fieldErrors ?? {});
      return;
    }
    await signIn("credentials", { email: input.email, password: input.password, redirect: false });
    router.push(publisher ? "/dashboard" : "/");
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} noValidate>
      {error ? <Alert>{error}</Alert> : null}
      <Field label="Name" id="name" error={fieldErrors.name}>
        <input id="name" name="name" autoComplete="name" required className={inputClass} />
      </Field>
      <Field label="Email" id="email" error={fieldErrors.email}>
        <input id="email" name="email" type="email" autoComplete="email" required className={inputClass} />
      </Field>
      <Field label="Password" id="password" error={fieldErrors.password} hint="At least 8 characters.">
        <input id="password" name="password" type="password" autoComplete="new-password" required className={inputClass} />
      </Field>
      <div className="mb-4 flex items-center gap-2">
        <input id="publisher" type="checkbox" checked={publisher} onChange={(e) => setPublisher(e.target.checked)} className="h-4 w-4" />
        <label htmlFor="publisher" className="text-sm">
          I want to publish snaps
        </label>
      </div>
      {publisher ? (
        <Field label="Publisher username" id="username" error={fieldErrors.username} hint="Shown on your snaps' pages; lowercase letters, digits and hyphens.">
          <input id="username" name="username" required className={inputClass} />
        </Field>
      ) : null}
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? "Creating account…" : "Create account"}
      </Button>
    </form>
  );
}
