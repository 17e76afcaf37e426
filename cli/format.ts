// Pure text formatting for the publisher commands: tables (status, revisions), upload progress and
// the reasons attached to an upload's outcome. No I/O. The words, orders, sizes and timestamps come
// from lib/vocabulary, shared with the store.
import { RISKS, compareTracks } from "@/lib/snap/channels";
import { formatBytesSI, formatTimestamp } from "@/lib/vocabulary";
import type { ChannelMapEntry, RevisionInfo, UploadStatus } from "./api-client";
const FOLLOWS = "↑";
const NONE = "-";

/** Columns padded to the widest cell, two spaces apart, trailing blanks trimmed. */
export function renderTable(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ""))));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c + " ".repeat(widths[i] - width(c))))
      .join("  ")
      .trimEnd();
  return [line(headers), ...rows.map(line)].join("\n") + "\n";
}

/** Display width: code points (every character used here is single-width, including ↑). */
function width(s: string): number {
  return [...s].length;
}

const byName = (a: string, b: string) => a.localeCompare(b, "en", { numeric: true });

const isOpen = (e: ChannelMapEntry | undefined): e is ChannelMapEntry => !!e && e.revision !== null && e.revision !== undefined;

/**
 * The channel map as `snapcraft status` shows it: Track, Arch, Channel, Version, Revision; per
 * track and architecture the four risks in order, an empty risk showing `↑` when a more stable risk
 * of the same track is open (devices there follow it) and `-` otherwise; open branches listed under
 * their risk as `risk/branch`. Track and Arch are printed on the first row of their group only.
 * Returns "" for an empty channel map.
 */
export function formatChannelMap(entries: ChannelMapEntry[]): string {
  const groups = new Map<string, Map<string, ChannelMapEntry[]>>();
  for (const e of entries) {
    const ch = e?.channel;
    if (!ch || typeof ch.track !== "string" || typeof ch.risk !== "string") continue;
    const arch = ch.architecture || "all";
    const byArch = groups.get(ch.track) ?? new Map<string, ChannelMapEntry[]>();
    groups.set(ch.track, byArch);
    byArch.set(arch, [...(byArch.get(arch) ?? []), e]);
  }
  const rows: string[][] = [];
  for (const track of [...groups.keys()].sort(compareTracks)) {
    const byArch = groups.get(track)!;
    let firstInTrack = true;
    for (const arch of [...byArch.keys()].sort(byName)) {
      const list = byArch.get(arch)!;
      let firstInArch = true;
      const push = (channel: string, version: string, revision: string) => {
        rows.push([firstInTrack ? track : "", firstInArch ? arch : "", channel, version, revision]);
        firstInTrack = firstInArch = false;
      };
      let moreStableOpen = false;
      for (const risk of RISKS) {
        const main = list.find((e) => e.channel.risk === risk && !e.channel.branch);
        if (isOpen(main)) {
          push(risk, main.version || NONE, String(main.revision));
          moreStableOpen = true;
        } else if (moreStableOpen) push(risk, FOLLOWS, FOLLOWS);
        else push(risk, NONE, NONE);
        const branches = list.filter((e) => e.channel.risk === risk && e.channel.branch && isOpen(e));
        branches.sort((a, b) => byName(a.channel.branch!, b.channel.branch!));
        for (const b of branches) push(`${risk}/${b.channel.branch}`, b.version || NONE, String(b.revision));
      }
    }
  }
  return rows.length === 0 ? "" : renderTable(["Track", "Arch", "Channel", "Version", "Revision"], rows);
}

function channelLabel(c: NonNullable<RevisionInfo["channels"]>[number]): string {
  if (typeof c === "string") return c;
  if (c && typeof c === "object") return c.name ?? c.channel ?? "";
  return "";
}

/** Rev, Uploaded, Arches, Version, Channels, Status; newest first. Returns "" when there are none. */
export function formatRevisions(revisions: RevisionInfo[]): string {
  const sorted = [...revisions].sort((a, b) => b.revision - a.revision);
  const rows = sorted.map((r) => {
    const channels = [...new Set((r.channels ?? []).map(channelLabel).filter(Boolean))];
    return [
      String(r.revision),
      formatTimestamp(r["created-at"]),
      r.architectures?.length ? r.architectures.join(", ") : NONE,
      r.version || NONE,
      channels.length ? channels.join(", ") : NONE,
      r.status || NONE,
    ];
  });
  return rows.length === 0 ? "" : renderTable(["Rev", "Uploaded", "Arches", "Version", "Channels", "Status"], rows);
}

/** "1.2 MB / 5.0 MB (24%)". */
export function formatProgress(sent: number, total: number): string {
  const pct = total > 0 ? Math.floor((sent / total) * 100) : 100;
  return `${formatBytesSI(sent)} / ${formatBytesSI(total)} (${pct}%)`;
}

interface ReviewCheck {
  text?: unknown;
}

/**
 * The reasons attached to an upload status, one per line ("- message (code)"): the error list,
 * then whatever the review carries (a review-tools style report's errors and warnings, a list of
 * reasons, or a message/comment), without repeating a message already listed.
 */
export function uploadReasons(status: Pick<UploadStatus, "errors" | "review">): string[] {
  const lines: string[] = [];
  const seen = new Set<string>();
  const add = (message: string, code?: string) => {
    const m = message.trim();
    if (!m || seen.has(m)) return;
    seen.add(m);
    lines.push(code ? `- ${m} (${code})` : `- ${m}`);
  };
  for (const e of status.errors ?? []) if (e && typeof e.message === "string") add(e.message, e.code);

  const review = status.review;
  if (typeof review === "string") add(review);
  else if (review && typeof review === "object") {
    const r = review as Record<string, unknown>;
    const sections = (r.sections ?? (r.report as Record<string, unknown> | undefined)?.sections) as
      Record<string, Record<string, Record<string, ReviewCheck>>> | undefined;
    if (sections && typeof sections === "object") {
      for (const [section, result] of Object.entries(sections)) {
        for (const level of ["error", "warn"] as const) {
          for (const [check, res] of Object.entries(result?.[level] ?? {})) {
            if (res && typeof res.text === "string") add(`${res.text}`, `${section} ${level}: ${check}`);
          }
        }
      }
    }
    if (Array.isArray(r.reasons)) {
      for (const reason of r.reasons) {
        if (typeof reason === "string") add(reason);
        else if (reason && typeof reason === "object" && typeof (reason as { message?: unknown }).message === "string")
          add((reason as { message: string }).message, (reason as { code?: string }).code);
      }
    }
    for (const key of ["message", "comment"]) if (typeof r[key] === "string") add(r[key] as string);
  }
  return lines;
}
