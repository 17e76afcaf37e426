"use client";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui";
import { markRead } from "@/lib/actions/review";

/** Marks one notification (or, without an id, all) read. */
export function MarkReadButton({ id, label }: { id?: string; label: string }) {
  const router = useRouter();
  return (
    <Button
      type="button"
      variant="secondary"
      className="px-2 py-1 text-xs"
      onClick={async () => {
        await markRead(id ? { id } : {});
        router.refresh();
      }}
    >
      {label}
    </Button>
  );
}
