"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert, Button, ConfirmBox } from "@/components/ui";
import { withdraw } from "@/lib/actions/revisions";

/**
 * Withdraws a revision waiting for manual review (so new uploads are accepted again), after a
 * confirmation: the file is deleted, which cannot be undone. Only waiting revisions can be
 * withdrawn and they cannot be released, so no channel changes.
 */
export function WithdrawButton({ name, revision, onWithdrawn }: { name: string; revision: number; onWithdrawn?: () => void }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const label = `Withdraw revision ${revision}`;
  return (
    <div>
      {error ? <Alert>{error}</Alert> : null}
      {confirming ? (
        <ConfirmBox
          id={`confirm-withdraw-${revision}`}
          title={`${label}?`}
          confirmLabel={pending ? "Withdrawing…" : label}
          busy={pending}
          onCancel={() => setConfirming(false)}
          onConfirm={async () => {
            setPending(true);
            const r = await withdraw({ name, revision });
            setPending(false);
            setConfirming(false);
            if (!r.ok) setError(r.message);
            else {
              onWithdrawn?.();
              router.refresh();
            }
          }}
        >
          It was never released, so users on every channel keep what they have. Its file is deleted and its review request withdrawn; this cannot be undone. New
          uploads of {name} are accepted again.
        </ConfirmBox>
      ) : (
        <Button type="button" variant="danger" onClick={() => setConfirming(true)}>
          {label}
        </Button>
      )}
    </div>
  );
}
