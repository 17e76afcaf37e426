/**
 * Channels: parsing (`[track/]risk[/branch]`), release rules, and channel-map resolution with the
 * "follows the next more stable risk" semantics of the Snap Store. Pure: no I/O.
 */
import type { Confinement, Grade } from "./snap-yaml";

export const RISKS = ["stable", "candidate", "beta", "edge"] as const;
export type Risk = (typeof RISKS)[number];

export interface Channel {
  track: string;
  risk: Risk;
  branch: string | null;
  /** Canonical full name: "latest/stable", "2.0/beta/hotfix". */
  name: string;
}

export const DEFAULT_TRACK = "latest";
export const MAX_TRACK_LENGTH = 28;
export const MAX_BRANCH_LENGTH = 128;
const TRACK_RE = /^[a-zA-Z0-9](?:[_.-]?[a-zA-Z0-9])*$/;
const BRANCH_RE = /^[a-zA-Z0-9](?:[_.-]?[a-zA-Z0-9])*$/;

export function isRisk(s: string): s is Risk {
  return (RISKS as readonly string[]).includes(s);
}

export function isValidTrackName(track: string): boolean {
  return track.length >= 1 && track.length <= MAX_TRACK_LENGTH && TRACK_RE.test(track);
}

export function isValidBranchName(branch: string): boolean {
  return branch.length >= 1 && branch.length <= MAX_BRANCH_LENGTH && BRANCH_RE.test(branch);
}

export function channelName(track: string, risk: Risk, branch: string | null = null): string {
  return branch ? `${track}/${risk}/${branch}` : `${track}/${risk}`;
}

function makeChannel(track: string, risk: Risk, branch: string | null): Channel {
  return { track, risk, branch, name: channelName(track, risk, branch) };
}

/**
 * Parse a channel like snapd does:
 * - "edge" -> latest/edge (or `defaultTrack`/edge); a single non-risk part is a track: "2.0" -> 2.0/stable
 * - "2.0/stable" (track/risk); "stable/fix" (risk/branch) -> latest/stable/fix
 * - "latest/stable/fix" (track/risk/branch)
 * More than three parts, empty parts, unknown risks and bad track/branch names are errors.
 */
export function parseChannel(input: string, opts?: { defaultTrack?: string }): { ok: true; channel: Channel } | { ok: false; message: string } {
  const defaultTrack = opts?.defaultTrack ?? DEFAULT_TRACK;
  const fail = (message: string) => ({ ok: false as const, message });
  if (typeof input !== "string" || input.trim() === "") return fail("channel name cannot be empty");
  const s = input.trim();
  const parts = s.split("/");
  if (parts.length > 3) return fail(`channel ${JSON.stringify(s)} has too many parts: use [track/]risk[/branch]`);
  if (parts.some((p) => p === "")) return fail(`channel ${JSON.stringify(s)} has an empty part: use [track/]risk[/branch]`);

  let track: string;
  let risk: string;
  let branch: string | null = null;
  if (parts.length === 1) {
    if (isRisk(parts[0])) {
      track = defaultTrack;
      risk = parts[0];
    } else {
      track = parts[0];
      risk = "stable";
    }
  } else if (parts.length === 2) {
    if (isRisk(parts[0])) {
      track = defaultTrack;
      risk = parts[0];
      branch = parts[1];
    } else {
      track = parts[0];
      risk = parts[1];
    }
  } else {
    [track, risk, branch] = parts;
  }
  if (!isRisk(risk)) return fail(`channel ${JSON.stringify(s)} has an invalid risk ${JSON.stringify(risk)}: use one of ${RISKS.join(", ")}`);
  if (!isValidTrackName(track))
    return fail(
      `channel ${JSON.stringify(s)} has an invalid track ${JSON.stringify(track)}: use up to ${MAX_TRACK_LENGTH} letters and digits, optionally separated by single '.', '_' or '-'`,
    );
  if (branch !== null) {
    if (isRisk(branch)) return fail(`channel ${JSON.stringify(s)} has a risk where a branch is expected: use [track/]risk[/branch]`);
    if (!isValidBranchName(branch))
      return fail(
        `channel ${JSON.stringify(s)} has an invalid branch ${JSON.stringify(branch)}: use up to ${MAX_BRANCH_LENGTH} letters and digits, optionally separated by single '.', '_' or '-'`,
      );
  }
  return { ok: true, channel: makeChannel(track, risk, branch) };
}

/** Negative when `a` is more stable than `b` (stable < candidate < beta < edge). */
export function compareRisk(a: Risk, b: Risk): number {
  return RISKS.indexOf(a) - RISKS.indexOf(b);
}

/** A revision with devmode confinement or devel grade may only be released to beta or edge (any track/branch). */
export function canRelease(
  rev: { confinement: Confinement; grade: Grade },
  channel: Channel,
): { ok: true } | { ok: false; code: "devmode-or-devel-to-stable"; message: string } {
  if ((rev.confinement === "devmode" || rev.grade === "devel") && (channel.risk === "stable" || channel.risk === "candidate")) {
    const why =
      rev.confinement === "devmode" && rev.grade === "devel"
        ? "devmode confinement and devel grade"
        : rev.confinement === "devmode"
          ? "devmode confinement"
          : "devel grade";
    return {
      ok: false,
      code: "devmode-or-devel-to-stable",
      message: `cannot release to ${channel.name}: revisions with ${why} can only be released to beta or edge`,
    };
  }
  return { ok: true };
}

// ---------------------------------------------------------------------------------------------
// Channel map
// ---------------------------------------------------------------------------------------------

export interface ReleaseRow {
  /** Canonical channel name ("latest/stable"); bare forms are normalised. */
  channel: string;
  architecture: string;
  /** null = closed. */
  revision: number | null;
}

interface NormRow {
  channel: Channel;
  architecture: string;
  revision: number | null;
}

function normaliseRows(rows: ReleaseRow[]): NormRow[] {
  const out: NormRow[] = [];
  for (const r of rows) {
    const p = parseChannel(r.channel);
    if (p.ok) out.push({ channel: p.channel, architecture: r.architecture, revision: r.revision });
  }
  return out;
}

/**
 * The row for exactly this channel and architecture. A row for architecture "all" applies to every
 * architecture; an exact-architecture row wins over it.
 */
function exactRow(rows: NormRow[], name: string, architecture: string): NormRow | undefined {
  let all: NormRow | undefined;
  for (const r of rows) {
    if (r.channel.name !== name) continue;
    if (r.architecture === architecture) return r;
    if (r.architecture === "all") all = r;
  }
  return all;
}

function resolveNorm(rows: NormRow[], channel: Channel, architecture: string): { revision: number; fromChannel: string; followed: boolean } | null {
  if (channel.branch) {
    const row = exactRow(rows, channel.name, architecture);
    if (row && row.revision !== null) return { revision: row.revision, fromChannel: channel.name, followed: false };
    // A closed (or missing) branch falls back to its track/risk.
    const base = resolveNorm(rows, makeChannel(channel.track, channel.risk, null), architecture);
    return base ? { ...base, followed: true } : null;
  }
  for (let i = RISKS.indexOf(channel.risk); i >= 0; i--) {
    const name = channelName(channel.track, RISKS[i]);
    const row = exactRow(rows, name, architecture);
    if (row && row.revision !== null) return { revision: row.revision, fromChannel: name, followed: i !== RISKS.indexOf(channel.risk) };
  }
  return null;
}

/**
 * What a device tracking `channel` on `architecture` gets. A closed or never-released risk follows
 * the next MORE stable open risk of the same track (edge -> beta -> candidate -> stable); a closed or
 * missing branch falls back to its track/risk. Never crosses tracks. `followed` = the "↑" marker.
 */
export function resolveChannel(
  rows: ReleaseRow[],
  channel: Channel,
  architecture: string,
): { revision: number; fromChannel: string; followed: boolean } | null {
  return resolveNorm(normaliseRows(rows), channel, architecture);
}

export interface ChannelMapRiskCell {
  risk: Risk;
  /** Canonical channel name, e.g. "latest/beta". */
  channel: string;
  /** Revision a device on this channel gets, null when nothing (shown as "-"). */
  revision: number | null;
  /** true when the revision comes from a more stable risk (shown as "↑"). */
  followed: boolean;
  /** Channel the revision actually comes from (null when revision is null). */
  fromChannel: string | null;
  /** true when a release row explicitly closed this channel. */
  closed: boolean;
}

export interface ChannelMapBranchCell {
  risk: Risk;
  branch: string;
  channel: string;
  revision: number;
}

export interface ChannelMapArchView {
  architecture: string;
  /** Always four entries, in RISKS order. */
  risks: ChannelMapRiskCell[];
  /** Open branches only (closed branches disappear), sorted by risk then name. */
  branches: ChannelMapBranchCell[];
}

export interface ChannelMapTrackView {
  track: string;
  architectures: ChannelMapArchView[];
}

export interface ChannelMapView {
  tracks: ChannelMapTrackView[];
}

/** The text for a risk cell in tables (`snapstore status`, releases page): revision, "↑" or "-". */
export function channelCellText(cell: Pick<ChannelMapRiskCell, "revision" | "followed">): string {
  if (cell.revision === null) return "-";
  return cell.followed ? "↑" : String(cell.revision);
}

/** Track order: "latest" first, then natural order ("2" before "10"). */
export function compareTracks(a: string, b: string): number {
  if (a === b) return 0;
  if (a === DEFAULT_TRACK) return -1;
  if (b === DEFAULT_TRACK) return 1;
  return a.localeCompare(b, "en", { numeric: true });
}

/**
 * Channel map for the releases UI and `snapstore status`: per track ("latest" first, then natural
 * order), per architecture (the given order; when `architectures` is empty, every architecture in
 * the rows except "all"), the four risk cells plus open branches. `opts.tracks` adds tracks to
 * show even without releases (e.g. the default track).
 */
export function channelMapView(rows: ReleaseRow[], architectures: string[], opts?: { tracks?: string[] }): ChannelMapView {
  const norm = normaliseRows(rows);
  let archs = architectures.length > 0 ? [...architectures] : [...new Set(norm.map((r) => r.architecture))].filter((a) => a !== "all").sort();
  if (archs.length === 0 && norm.some((r) => r.architecture === "all")) archs = ["all"];
  const trackSet = new Set<string>([...norm.map((r) => r.channel.track), ...(opts?.tracks ?? [])]);
  const tracks = [...trackSet].sort(compareTracks);
  return {
    tracks: tracks.map((track) => ({
      track,
      architectures: archs.map((architecture) => {
        const risks: ChannelMapRiskCell[] = RISKS.map((risk) => {
          const ch = makeChannel(track, risk, null);
          const res = resolveNorm(norm, ch, architecture);
          const row = exactRow(norm, ch.name, architecture);
          return {
            risk,
            channel: ch.name,
            revision: res ? res.revision : null,
            followed: res ? res.followed : false,
            fromChannel: res ? res.fromChannel : null,
            closed: !!row && row.revision === null,
          };
        });
        const seen = new Set<string>();
        const branches: ChannelMapBranchCell[] = [];
        for (const r of norm) {
          if (r.channel.track !== track || !r.channel.branch || seen.has(r.channel.name)) continue;
          if (r.architecture !== architecture && r.architecture !== "all") continue;
          const row = exactRow(norm, r.channel.name, architecture);
          if (!row || row.revision === null) continue;
          seen.add(r.channel.name);
          branches.push({ risk: r.channel.risk, branch: r.channel.branch, channel: r.channel.name, revision: row.revision });
        }
        branches.sort((a, b) => compareRisk(a.risk, b.risk) || a.branch.localeCompare(b.branch));
        return { architecture, risks, branches };
      }),
    })),
  };
}
