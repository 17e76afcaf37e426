import { Badge } from "@/components/ui";
import { STATUS_LABEL, STATUS_TONE } from "./format";

export function StatusBadge({ status }: { status: string }) {
  return <Badge tone={STATUS_TONE[status] ?? "gray"}>{STATUS_LABEL[status] ?? status}</Badge>;
}

/** Tables scroll horizontally on narrow screens instead of overflowing the page. */
