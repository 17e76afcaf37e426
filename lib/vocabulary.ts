// The store's vocabulary: the words, orders and small formats the API, the dashboard, the CLI and
// the services share, written once. Pure (its only import is lib/snap/channels, where the channel
// grammar and the risk order live), so client components and the CLI use it too.
//
// The status and request-type lists mirror the Prisma enums; lib/db/vocabulary-check.ts fails the
// type check when the schema and this file disagree.
import { RISKS, compareTracks } from "@/lib/snap/channels";

// ---------------------------------------------------------------------------------------------
// Statuses and request types (the Prisma enums, spelled as the database stores them)
// ---------------------------------------------------------------------------------------------

/** Account roles (the Prisma enum Role). */
export const ROLES = ["user", "publisher", "reviewer", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const REVISION_STATUSES = ["being_processed", "ready_to_release", "need_manual_review", "rejected", "processing_error", "withdrawn"] as const;
export type RevisionStatus = (typeof REVISION_STATUSES)[number];

export const REQUEST_STATUSES = ["pending", "approved", "rejected", "withdrawn", "needs_info", "outdated"] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** Request statuses still waiting for a decision (votes may change, a reviewer may decide). */
export const OPEN_REQUEST_STATUSES = ["pending", "needs_info"] as const satisfies readonly RequestStatus[];
export const isOpenRequestStatus = (s: string): boolean => (OPEN_REQUEST_STATUSES as readonly string[]).includes(s);

/** The API spells request statuses with hyphens ("needs-info"), the database with "_". */
export const requestStatusToApi = (s: string): string => s.replace(/_/g, "-");
export const requestStatusFromApi = (s: string): RequestStatus => s.replace(/-/g, "_") as RequestStatus;

export const NAME_STATUSES = ["active", "pending_review", "rejected"] as const;
export type NameStatus = (typeof NAME_STATUSES)[number];

export const REQUEST_TYPES = ["classic", "installation", "connection", "auto_connection", "revision", "name", "track"] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];

/** The revision that blocks new uploads of its snap until it is reviewed or withdrawn. */
export const WAITING_STATUS = "need_manual_review" satisfies RevisionStatus;

/** Revisions whose blob the store keeps: releasable now, or once a reviewer approves them. */
export const KEPT_STATUSES = ["ready_to_release", "need_manual_review"] as const satisfies readonly RevisionStatus[];

const REVISION_STATUS_WORDS: Record<RevisionStatus, { label: string; phrase: string }> = {
  being_processed: { label: "Being processed", phrase: "is still being processed" },
  ready_to_release: { label: "Ready to release", phrase: "is ready to release" },
  need_manual_review: { label: "Needs manual review", phrase: "is waiting for manual review" },
  rejected: { label: "Rejected", phrase: "was rejected by the automated review" },
  processing_error: { label: "Processing error", phrase: "could not be processed" },
  withdrawn: { label: "Withdrawn", phrase: "was withdrawn by the publisher" },
};

const STATUS_LABELS: Record<RevisionStatus | RequestStatus | NameStatus, string> = {
  ...Object.fromEntries(REVISION_STATUSES.map((s) => [s, REVISION_STATUS_WORDS[s].label])),
  pending: "Pending",
  approved: "Approved",
  needs_info: "Needs information",
  outdated: "Outdated",
  active: "Active",
  pending_review: "Name pending review",
} as Record<RevisionStatus | RequestStatus | NameStatus, string>;

const isRevisionStatus = (s: string): s is RevisionStatus => (REVISION_STATUSES as readonly string[]).includes(s);

/** "Needs manual review", "Approved", "Name pending review"; unknown words as given. */
export function statusLabel(status: string): string {
  return (STATUS_LABELS as Record<string, string>)[status] ?? status;
}

/** For sentences about a revision: `Revision 3 of "x" ${revisionStatusPhrase(s)}`. */
export function revisionStatusPhrase(status: RevisionStatus): string {
  return REVISION_STATUS_WORDS[status]?.phrase ?? status;
}

/** For one-line summaries ("revision 3 of x: needs manual review"); unknown codes as given. */
export function revisionStatusWords(status: string): string {
  return isRevisionStatus(status) ? REVISION_STATUS_WORDS[status].label.toLowerCase() : status;
}

const REQUEST_TYPE_LABELS: Record<RequestType, string> = {
  classic: "Classic confinement",
  installation: "Interface installation",
  connection: "Interface connection",
  auto_connection: "Interface auto-connection",
  revision: "Manual review of a revision",
  name: "Reserved name",
  track: "Track",
};

/** The kinds of the review queue (issue wording): a flagged revision is a "revision" request. */
const QUEUE_KIND_LABELS: Record<RequestType, string> = {
  classic: "Classic",
  installation: "Installation",
  connection: "Connection",
  auto_connection: "Auto-connection",
  revision: "Flagged revision",
  name: "Reserved name",
  track: "Track",
};

/** Short kind label for the queue ("Flagged revision", "Auto-connection"). */
export function queueKindLabel(type: string): string {
  return QUEUE_KIND_LABELS[requestTypeFromApi(type)] ?? type;
}

/** The API spells request types with hyphens ("auto-connection"), the database with "_". */
export const requestTypeToApi = (t: string): string => t.replace(/_/g, "-");
export const requestTypeFromApi = (t: string): RequestType => t.replace(/-/g, "_") as RequestType;

/** "Interface auto-connection"; either spelling; unknown types as given. */
export function requestTypeLabel(type: string): string {
  return REQUEST_TYPE_LABELS[requestTypeFromApi(type)] ?? type;
}

/** The requests a publisher files, in the API's spelling. */
export const PUBLISHER_REQUEST_TYPES = ["classic", "installation", "connection", "auto-connection"] as const;

/** The requests that ask for an interface grant (database spelling). */
export const INTERFACE_REQUEST_TYPES = ["installation", "connection", "auto_connection"] as const satisfies readonly RequestType[];

// ---------------------------------------------------------------------------------------------
// Snaps and channels
// ---------------------------------------------------------------------------------------------

/** A snap anyone may see: not private, name approved. Also a Prisma `where` fragment. */
export const PUBLIC_SNAP = { private: false, nameStatus: "active" } as const;
export const isPublicSnap = (s: { private: boolean; nameStatus: string }): boolean => !s.private && s.nameStatus === "active";

/** "track/risk[/branch]" of a stored release row (the database stores "" for no branch). */
export function releaseChannel(r: { track: string; risk: string; branch: string | null }): string {
  return r.branch ? `${r.track}/${r.risk}/${r.branch}` : `${r.track}/${r.risk}`;
}

/** Stable before edge; a risk the store does not know sorts last. */
export function compareRiskNames(a: string, b: string): number {
  const rank = (r: string) => {
    const i = (RISKS as readonly string[]).indexOf(r);
    return i < 0 ? RISKS.length : i;
  };
  return rank(a) - rank(b);
}

/** Channel-map order of release rows: track ("latest" first), risk, branch, architecture. */
export function compareReleases(
  a: { track: string; risk: string; branch: string | null; architecture?: string },
  b: { track: string; risk: string; branch: string | null; architecture?: string },
): number {
  return (
    compareTracks(a.track, b.track) ||
    compareRiskNames(a.risk, b.risk) ||
    (a.branch ?? "").localeCompare(b.branch ?? "") ||
    (a.architecture ?? "").localeCompare(b.architecture ?? "")
  );
}

/** The squashfs compressions the store accepts (what snap pack and snapcraft produce). */
export const SUPPORTED_COMPRESSIONS = ["xz", "lzo"] as const;
export const COMPRESSION_ADVICE = "use xz (the default of snap pack) or lzo";

// ---------------------------------------------------------------------------------------------
// Sizes and dates
// ---------------------------------------------------------------------------------------------

const IEC = ["B", "KiB", "MiB", "GiB", "TiB"];

/** Measured sizes in the dashboard (file sizes, progress): "512 B", "1.5 MiB", "256.0 KiB". */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  let v = n;
  let i = 0;
  while (v >= 1024 && i < IEC.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(1)} ${IEC[i]}`;
}

/** Limits in messages, usually round: "256 KiB", "2 GiB", "1.5 MiB". */
export function formatLimit(n: number): string {
  let v = n;
  let i = 0;
  while (v >= 1024 && i < IEC.length - 1) {
    v /= 1024;
    i++;
  }
  return `${Number.isInteger(v) ? v : v.toFixed(1)} ${IEC[i]}`;
}

/** The CLI's sizes, 1000-based like snapcraft and du --si: "512 B", "12.3 kB", "5.0 MB". */
export function formatBytesSI(n: number): string {
  if (n < 1000) return `${n} B`;
  const units = ["kB", "MB", "GB", "TB"];
  let v = n;
  let i = -1;
  do {
    v /= 1000;
    i++;
  } while (v >= 999.95 && i < units.length - 1);
  return `${v.toFixed(1)} ${units[i]}`;
}

/** Dates in the dashboard: "2025-01-31 14:05 UTC", the same on server and client (no locale). */
export function formatDate(d: Date | string | null | undefined): string {
  if (!d) return "–";
  const date = typeof d === "string" ? new Date(d) : d;
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** Timestamps in the CLI: "2024-05-01T12:00:00Z" (no milliseconds); unparsable values as given. */
export function formatTimestamp(value: string | null | undefined): string {
  if (!value) return "-";
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : d.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/**
 * Fixed paths under /api/v1/snaps/ that a snap named the same would shadow (the store API's
 * sections and names lists): registering them is refused.
 */
export const STORE_ROUTE_NAMES: readonly string[] = ["sections", "names"];
// Messages mark commands and names with markdown backticks; components/ui/CodeText shows them as code.
/** Splits `text` on `code` spans; odd parts are code. An unmatched backtick stays as it is. */
export function splitInlineCode(text: string): { text: string; code: boolean }[] {
  const parts: { text: string; code: boolean }[] = [];
  const re = /`([^`\n]+)`/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > last) parts.push({ text: text.slice(last, m.index), code: false });
    parts.push({ text: m[1], code: true });
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), code: false });
  return parts;
}

/** "no votes", "1 vote", "2 votes". */
export function votesLabel(n: number): string {
  return n === 0 ? "no votes" : n === 1 ? "1 vote" : `${n} votes`;
}

/**
 * Who filed a request, for "Filed by …": manual-review requests of a revision are opened by the
 * automated review (processing), not by the person who uploaded, even though the uploader is
 * recorded as the requester (so they may comment and withdraw).
 */
export function requestFiledBy(type: string, requester: string): string {
  return type === "revision" ? "automated review" : requester;
}
