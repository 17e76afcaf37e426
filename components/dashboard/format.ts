// Small display helpers shared by dashboard components (pure; usable on server and client).

export const STATUS_LABEL: Record<string, string> = {
  being_processed: "Being processed",
  ready_to_release: "Ready to release",
  need_manual_review: "Needs manual review",
  rejected: "Rejected",
  processing_error: "Processing error",
  withdrawn: "Withdrawn",
  pending: "Pending",
  approved: "Approved",
  pending_review: "Name pending review",
};

export type Tone = "gray" | "green" | "amber" | "red" | "blue";

export const STATUS_TONE: Record<string, Tone> = {
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

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 ** 3) return `${(n / 1024 / 1024).toFixed(1)} MiB`;
  return `${(n / 1024 ** 3).toFixed(1)} GiB`;
}

/** "2025-01-31 14:05 UTC": stable on server and client (no locale/timezone drift). */
export function formatDate(d: Date | string | null | undefined): string {
  if (!d) return "–";
  const date = typeof d === "string" ? new Date(d) : d;
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
