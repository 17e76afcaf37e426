"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert, Button } from "@/components/ui";
import { withdraw } from "@/lib/actions/revisions";

/** Withdraws a revision waiting for manual review (so new uploads are accepted again). */
export function WithdrawButton({ name, revision }: { name: string; revision: number }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <div>
      {error ? <Alert>{error}</Alert> : null}
      <Button
        type="button"
        variant="danger"
        disabled={pending}
        onClick={async () => {
          setPending(true);
          const r = await withdraw({ name, revision });
          setPending(false);
          if (!r.ok) setError(r.message);
          else router.refresh();
        }}
      >
        {pending ? "Withdrawing…" : `Withdraw revision ${revision}`}
      </Button>
    </div>
  );
}
