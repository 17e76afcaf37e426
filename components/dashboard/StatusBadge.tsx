import { Badge } from "@/components/ui";
import { STATUS_LABEL, STATUS_TONE } from "./format";

export function StatusBadge({ status }: { status: string }) {
  return <Badge tone={STATUS_TONE[status] ?? "gray"}>{STATUS_LABEL[status] ?? status}</Badge>;
}

/** Tables scroll horizontally on narrow screens instead of overflowing the page. */
export function TableScroll({ children, label }: { children: React.ReactNode; label: string }) {
  return (
    // A focusable, labelled region so keyboard users can scroll it.
    <div role="region" aria-label={label} tabIndex={0} className="overflow-x-auto rounded-lg border border-gray-200 bg-white shadow-sm">
      {children}
    </div>
  );
}
