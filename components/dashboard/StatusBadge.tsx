import { Badge } from "@/components/ui";
import { statusLabel } from "@/lib/vocabulary";

type Tone = "gray" | "green" | "amber" | "red" | "blue";

/** The colour of a revision, request or name status (the words come from lib/vocabulary). */
const STATUS_TONE: Record<string, Tone> = {
  being_processed: "blue",
  ready_to_release: "green",
  need_manual_review: "amber",
  rejected: "red",
  processing_error: "red",
  withdrawn: "gray",
  pending: "amber",
  approved: "green",
  pending_review: "amber",
};

export function StatusBadge({ status }: { status: string }) {
  return <Badge tone={STATUS_TONE[status] ?? "gray"}>{statusLabel(status)}</Badge>;
}
