"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert, Badge, Button, DataTable, EmptyState, Field, inputClass } from "@/components/ui";
import { tokenLabelSchema } from "@/lib/schemas/tokens";
import { createToken, revoke } from "@/lib/actions/tokens";
import { formatDate } from "@/lib/vocabulary";

interface TokenRow {
  id: string;
  label: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export function TokensPanel({ tokens }: { tokens: TokenRow[] }) {
  const router = useRouter();
  const [label, setLabel] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<{ kind: "success" | "error"; text: string } | null>(null);
  const [secret, setSecret] = useState<{ label: string; token: string } | null>(null);
  const [copied, setCopied] = useState(false);
  const [pending, setPending] = useState(false);

  async function onCreate(e: React.FormEvent) {
    e.preventDefault();
    setMessage(null);
    const parsed = tokenLabelSchema.safeParse({ label });
    if (!parsed.success) return setError(parsed.error.issues.map((i) => i.message).join(" "));
    setPending(true);
    const r = await createToken({ label });
    setPending(false);
    if (!r.ok) return setError(r.fieldErrors?.label?.join(" ") ?? r.message);
    setError(null);
    setSecret({ label: parsed.data.label, token: r.data.token });
    setCopied(false);
    setLabel("");
    router.refresh();
  }

  async function onRevoke(t: TokenRow) {
    if (!window.confirm(`Revoke the token “${t.label}”? Scripts using it stop working at once.`)) return;
    const r = await revoke({ id: t.id });
    if (!r.ok) return setMessage({ kind: "error", text: r.message });
    setMessage({ kind: "success", text: `Revoked “${r.data.label}”.` });
    router.refresh();
  }

  async function copy() {
    if (!secret) return;
    try {
      await navigator.clipboard.writeText(secret.token);
      setCopied(true);
    } catch {
      setCopied(false);
      setMessage({ kind: "error", text: "Copying failed: select the token and copy it yourself." });
    }
  }

  return (
    <div>
      <div aria-live="polite">{message ? <Alert kind={message.kind}>{message.text}</Alert> : null}</div>
      {secret ? (
        <div role="status" className="mb-6 rounded-md border border-green-300 bg-green-50 p-4 text-sm text-green-900">
          <p className="font-semibold">Token “{secret.label}” created. Copy it now: it is shown only once.</p>
          <div className="mt-2 flex flex-wrap items-center gap-2">
            <label htmlFor="new-token" className="sr-only">
              New token
            </label>
            <input
              id="new-token"
              readOnly
              value={secret.token}
              onFocus={(e) => e.currentTarget.select()}
              className={`${inputClass} max-w-xl flex-1 font-mono text-xs`}
              data-testid="new-token"
            />
            <Button type="button" variant="secondary" onClick={copy}>
              {copied ? "Copied" : "Copy"}
            </Button>
            <Button type="button" variant="secondary" onClick={() => setSecret(null)}>
              Done
            </Button>
          </div>
        </div>
      ) : null}

      <form onSubmit={onCreate} noValidate aria-label="Create a token" className="mb-6">
        <Field label="Token label" id="token-label" error={error ?? undefined} hint="What uses it, e.g. “CI on main” or “laptop CLI”.">
          <div className="flex flex-wrap gap-2">
            <input
              id="token-label"
              value={label}
              onChange={(e) => {
                setLabel(e.target.value);
                setError(null);
              }}
              className={`${inputClass} max-w-sm flex-1`}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? "token-label-error" : undefined}
            />
            <Button type="submit" disabled={pending}>
              {pending ? "Creating…" : "Create token"}
            </Button>
          </div>
        </Field>
      </form>

      <h2 className="mb-2 text-lg font-semibold">Your tokens</h2>
      {tokens.length === 0 ? (
        <EmptyState>No tokens yet.</EmptyState>
      ) : (
        <DataTable label="Your tokens" columns={["Label", "Prefix", "Created", "Last used", "Status", { label: "Actions", hidden: true }]}>
          {tokens.map((t) => (
            <tr key={t.id} className="border-t border-gray-100" data-token={t.label}>
              <td className="p-3 font-medium">{t.label}</td>
              <td className="p-3 font-mono text-xs">{t.prefix}…</td>
              <td className="whitespace-nowrap p-3">{formatDate(t.createdAt)}</td>
              <td className="whitespace-nowrap p-3">{t.lastUsedAt ? formatDate(t.lastUsedAt) : "never"}</td>
              <td className="p-3">{t.revokedAt ? <Badge tone="red">revoked {formatDate(t.revokedAt)}</Badge> : <Badge tone="green">active</Badge>}</td>
              <td className="p-3">
                {t.revokedAt ? null : (
                  <Button type="button" variant="danger" className="px-3 py-1" onClick={() => onRevoke(t)} aria-label={`Revoke ${t.label}`}>
                    Revoke
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}
