"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert, Button, EmptyState, Field, inputClass } from "@/components/ui";
import { reserve, unreserve } from "@/lib/actions/admin";

export function ReservedNames({ names }: { names: { name: string; reason: string; createdAt: string }[] }) {
  const router = useRouter();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<{ kind: "success" | "error"; text: string } | null>(null);
  const [pending, setPending] = useState(false);

  async function onReserve(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    setPending(true);
    const r = await reserve({ name: String(data.get("name") ?? ""), reason: String(data.get("reason") ?? "") });
    setPending(false);
    if (!r.ok) {
      setFieldErrors(r.fieldErrors ?? (r.code === "invalid-name" || r.code === "already-reserved" ? { name: [r.message] } : {}));
      setMessage(r.fieldErrors || r.code === "invalid-name" || r.code === "already-reserved" ? null : { kind: "error", text: r.message });
      return;
    }
    form.reset();
    setFieldErrors({});
    setMessage({ kind: "success", text: `Reserved “${r.data.name}”: registering it now needs a review.` });
    router.refresh();
  }

  async function onUnreserve(name: string) {
    const r = await unreserve({ name });
    setMessage(r.ok ? { kind: "success", text: `“${name}” is no longer reserved.` } : { kind: "error", text: r.message });
    router.refresh();
  }

  return (
    <div>
      {message ? <Alert kind={message.kind}>{message.text}</Alert> : null}
      <form onSubmit={onReserve} noValidate className="mb-4 grid gap-x-4 sm:grid-cols-[1fr_2fr_auto] sm:items-end">
        <Field label="Name to reserve" id="reserve-name" error={fieldErrors.name}>
          <input id="reserve-name" name="name" required className={inputClass} aria-describedby={fieldErrors.name ? "reserve-name-error" : undefined} />
        </Field>
        <Field label="Reason" id="reserve-reason" error={fieldErrors.reason}>
          <input id="reserve-reason" name="reason" required className={inputClass} aria-describedby={fieldErrors.reason ? "reserve-reason-error" : undefined} />
        </Field>
        <div className="mb-4">
          <Button type="submit" disabled={pending}>
            Reserve
          </Button>
        </div>
      </form>
      {names.length === 0 ? (
        <EmptyState>No reserved names.</EmptyState>
      ) : (
        <ul aria-label="Reserved names" className="divide-y divide-gray-100">
          {names.map((n) => (
            <li key={n.name} className="flex items-center justify-between gap-4 py-2 text-sm">
              <span>
                <span className="font-mono font-medium">{n.name}</span> <span className="text-gray-600">— {n.reason}</span>
              </span>
              <Button variant="secondary" onClick={() => onUnreserve(n.name)} aria-label={`Remove the reservation of ${n.name}`}>
                Remove
              </Button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
