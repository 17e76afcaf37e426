/**
 * The JSON shapes of the store API snapd speaks (/v2/snaps/find, /info, /refresh), field by field
 * as snapd 2.57's store package decodes them (store/details_v2.go), and the pure decisions behind
 * them: which revision a find result shows, the info channel-map, and what a snap action resolves
 * to. Pure: no I/O. snapd's decoding is strict, so every type here matters: revision int, size
 * int64, released-at RFC 3339, epoch an object with non-empty lists, type absent rather than "".
 */
import { DEFAULT_TRACK, compareRisk, compareTracks, isRisk, parseChannel, resolveChannel, type Channel, type ReleaseRow } from "@/lib/snap/channels";

export interface StorePublisher {
  id: string;
  username: string;
  displayName: string;
  validation: string;
}

/** The snap-level facts (one per snap, whatever the revision). */
export interface StoreSnapFacts {
  snapId: string;
  name: string;
  title: string | null;
  summary: string | null;
  description: string | null;
  license: string | null;
  website: string | null;
  contact: string | null;
  private: boolean;
  categories: string[];
  defaultTrack: string | null;
  publisher: StorePublisher;
  /** Absolute URLs. */
  /** width/height when known (read at upload), as the real store sends them. */
  media: { type: string; url: string; width?: number | null; height?: number | null }[];
}

/** The revision-level facts. */
export interface StoreRevisionFacts {
  revision: number;
  version: string | null;
  confinement: string | null;
  grade: string | null;
  type: string | null;
  base: string | null;
  architectures: string[];
  sha3_384: string | null;
  size: number;
  snapYaml: string | null;
  /** snapd's Epoch.String(): "0", "1", "1*" or `{"read":[1,2],"write":[2]}`. */
  epoch: string;
  createdAt: Date;
}

/** One open row of the channel map (closed rows are not passed here). */
export interface StoreRelease {
  track: string;
  risk: string;
  /** "" or null: no branch. */
  branch: string | null;
  architecture: string;
  releasedAt: Date;
  revision: StoreRevisionFacts;
}

/** snap types snapd accepts in `type` (anything else is left out rather than sent). */
const SNAP_TYPES = new Set(["app", "application", "base", "gadget", "kernel", "os", "snapd"]);

/** snapd's epoch JSON: {"read":[…],"write":[…]} with non-empty lists ("1*" reads 0 and 1, writes 1). */
export function storeEpoch(epoch: string | null | undefined): { read: number[]; write: number[] } {
  const s = (epoch ?? "0").trim();
  const star = /^(\d+)\*$/.exec(s);
  if (star) {
    const n = Number(star[1]);
    return n === 0 ? { read: [0], write: [0] } : { read: [n - 1, n], write: [n] };
  }
  if (/^\d+$/.test(s)) return { read: [Number(s)], write: [Number(s)] };
  try {
    const v = JSON.parse(s) as { read?: unknown; write?: unknown };
    const ints = (a: unknown) => (Array.isArray(a) && a.length > 0 && a.every((n) => Number.isInteger(n) && n >= 0) ? (a as number[]) : null);
    const read = ints(v.read);
    const write = ints(v.write);
    if (read && write) return { read, write };
  } catch {
    // fall through: an unreadable epoch is the default
  }
  return { read: [0], write: [0] };
}

/** The channel's name as the store spells it: the default track is left out ("stable", "2.0/beta", "edge/fix"). */
export function storeChannelName(track: string, risk: string, branch?: string | null): string {
  const tail = branch ? `${risk}/${branch}` : risk;
  return track === DEFAULT_TRACK ? tail : `${track}/${tail}`;
}

const rfc3339 = (d: Date) => d.toISOString();

/** The snap-level fields (`snap` of a find result or of info). */
export function snapFields(s: StoreSnapFacts, storeUrl: string): Record<string, unknown> {
  const links: Record<string, string[]> = {};
  if (s.website) links.website = [s.website];
  if (s.contact) links.contact = [s.contact];
  return {
    "snap-id": s.snapId,
    name: s.name,
    title: s.title ?? s.name,
    summary: s.summary ?? "",
    description: s.description ?? "",
    license: s.license ?? "",
    website: s.website ?? "",
    contact: s.contact ?? "",
    links,
    private: s.private,
    prices: {},
    publisher: { id: s.publisher.id, username: s.publisher.username, "display-name": s.publisher.displayName, validation: s.publisher.validation },
    categories: s.categories.map((name) => ({ name, featured: name === "featured" })),
    media: s.media.map((m) => ({ type: m.type, url: m.url, ...(m.width && m.height ? { width: m.width, height: m.height } : {}) })),
    "store-url": storeUrl,
  };
}

/** The revision-level fields (a find result's `revision`, an info channel-map entry, a snap action's `snap`). */
export function revisionFields(r: StoreRevisionFacts, downloadUrl: string): Record<string, unknown> {
  const out: Record<string, unknown> = {
    revision: r.revision,
    version: r.version ?? "",
    confinement: r.confinement ?? "strict",
    grade: r.grade ?? "stable",
    architectures: r.architectures.length ? r.architectures : ["all"],
    epoch: storeEpoch(r.epoch),
    "created-at": rfc3339(r.createdAt),
    "common-ids": [],
    download: { "sha3-384": r.sha3_384 ?? "", size: r.size, url: downloadUrl, deltas: [] },
    "snap-yaml": r.snapYaml ?? "",
  };
  const type = r.type ?? "app";
  if (SNAP_TYPES.has(type)) out.type = type;
  if (r.base) out.base = r.base;
  return out;
}

/** Keeps only the requested fields (plus the identifying ones); no `fields` = everything. */
export function pickFields(obj: Record<string, unknown>, fields: readonly string[] | null, keep: readonly string[] = []): Record<string, unknown> {
  if (!fields || fields.length === 0) return obj;
  const want = new Set([...fields, ...keep]);
  return Object.fromEntries(Object.entries(obj).filter(([k]) => want.has(k)));
}

/** Parses `fields=a,b,c` (null when absent or empty). */
export function parseFieldList(raw: string | null | undefined): string[] | null {
  if (!raw) return null;
  const list = raw
    .split(",")
    .map((f) => f.trim())
    .filter(Boolean);
  return list.length ? list : null;
}

/** Whether a release row serves this architecture ("all" serves every one; no architecture = any). */
export const servesArchitecture = (rowArch: string, arch: string | null) => arch === null || rowArch === arch || rowArch === "all";

const releaseRows = (rels: readonly StoreRelease[]): ReleaseRow[] =>
  rels.map((r) => ({
    channel: r.branch ? `${r.track}/${r.risk}/${r.branch}` : `${r.track}/${r.risk}`,
    architecture: r.architecture,
    revision: r.revision.revision,
  }));

/** Track order for the store: the snap's default track first, then "latest", then natural order. */
function compareTracksFor(defaultTrack: string) {
  return (a: string, b: string) => (a === b ? 0 : a === defaultTrack ? -1 : b === defaultTrack ? 1 : compareTracks(a, b));
}

function compareReleases(defaultTrack: string) {
  const tracks = compareTracksFor(defaultTrack);
  return (a: StoreRelease, b: StoreRelease) =>
    tracks(a.track, b.track) ||
    (isRisk(a.risk) && isRisk(b.risk) ? compareRisk(a.risk, b.risk) : a.risk.localeCompare(b.risk)) ||
    (a.branch ?? "").localeCompare(b.branch ?? "") ||
    a.architecture.localeCompare(b.architecture);
}

/** The open release a device on `channel` and `architecture` gets (following closed risks), or undefined. */
function resolvedRelease(rels: readonly StoreRelease[], channel: Channel, architecture: string): StoreRelease | undefined {
  const got = resolveChannel(releaseRows(rels), channel, architecture);
  if (!got) return undefined;
  const from = parseChannel(got.fromChannel);
  if (!from.ok) return undefined;
  const candidates = rels.filter(
    (r) =>
      servesArchitecture(r.architecture, architecture) &&
      r.revision.revision === got.revision &&
      r.track === from.channel.track &&
      r.risk === from.channel.risk &&
      (r.branch || null) === from.channel.branch,
  );
  return candidates.find((r) => r.architecture === architecture) ?? candidates[0];
}

/**
 * The revision a find result shows: the most stable open release on the default track first that
 * serves `architecture` and whose confinement is allowed (devmode never), in `channel` when given
 * (resolved like a device would, following closed risks). null = the snap is not a result.
 */
export function findRelease(
  rels: readonly StoreRelease[],
  opts: { architecture: string | null; confinement: readonly string[]; channel: Channel | null; defaultTrack: string | null },
): StoreRelease | null {
  const allowed = (r: StoreRelease) => r.revision.confinement !== "devmode" && opts.confinement.includes(r.revision.confinement ?? "strict");
  if (opts.channel) {
    const archs = opts.architecture ? [opts.architecture] : [...new Set(rels.map((r) => r.architecture))];
    for (const arch of archs) {
      const rel = resolvedRelease(rels, opts.channel, arch);
      if (rel && allowed(rel)) return rel;
    }
    return null;
  }
  const candidates = rels.filter((r) => !r.branch && servesArchitecture(r.architecture, opts.architecture) && allowed(r));
  return candidates.sort(compareReleases(opts.defaultTrack ?? DEFAULT_TRACK))[0] ?? null;
}

/**
 * The info channel-map: one entry per open (track, risk) × architecture, without branches (snapd
 * keys channels by track/risk, so a branch would overwrite its risk). The default track's stable
 * comes first: snapd takes channel-map[0] as the snap's current revision. An "all" row is shown
 * under the requested architecture.
 */
export function infoChannelMap(
  rels: readonly StoreRelease[],
  opts: { architecture: string | null; defaultTrack: string | null },
  downloadUrl: (r: StoreRevisionFacts) => string,
): Record<string, unknown>[] {
  const rows = rels.filter((r) => !r.branch && servesArchitecture(r.architecture, opts.architecture));
  // An exact-architecture row wins over an "all" row for the same channel.
  const key = (r: StoreRelease, arch: string) => `${r.track}/${r.risk}/${arch}`;
  const chosen = new Map<string, StoreRelease>();
  for (const r of rows) {
    const arch = opts.architecture ?? r.architecture;
    const k = key(r, arch);
    const had = chosen.get(k);
    if (!had || (had.architecture === "all" && r.architecture !== "all")) chosen.set(k, r);
  }
  return [...chosen.values()].sort(compareReleases(opts.defaultTrack ?? DEFAULT_TRACK)).map((r) => ({
    ...revisionFields(r.revision, downloadUrl(r.revision)),
    channel: {
      architecture: opts.architecture ?? r.architecture,
      name: storeChannelName(r.track, r.risk),
      risk: r.risk,
      track: r.track,
      "released-at": rfc3339(r.releasedAt),
    },
  }));
}

/** Every open (architecture, channel) of a snap, for revision-not-found's `extra.releases`. */
export function openReleases(rels: readonly StoreRelease[]): { architecture: string; channel: string }[] {
  const seen = new Set<string>();
  const out: { architecture: string; channel: string }[] = [];
  for (const r of [...rels].sort(compareReleases(DEFAULT_TRACK))) {
    const channel = r.branch ? `${r.track}/${r.risk}/${r.branch}` : `${r.track}/${r.risk}`;
    const k = `${r.architecture} ${channel}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push({ architecture: r.architecture, channel });
  }
  return out;
}

export type ActionDecision =
  | { kind: "result"; release: StoreRelease; effectiveChannel: string }
  | { kind: "no-update" }
  | { kind: "revision-not-found"; channel: string }
  | { kind: "invalid-channel"; message: string };

/**
 * What an install, download or refresh resolves to on `architecture`: the revision released in
 * `channel` (default track's stable when none), following a closed or empty risk to the next more
 * stable one; or the exact `revision` when asked, if it is released somewhere for this
 * architecture. A refresh to the revision the device already has is "no update".
 */
export function decideAction(
  rels: readonly StoreRelease[],
  opts: { channel: string | null; revision: number | null; architecture: string; defaultTrack: string | null; current: number | null },
): ActionDecision {
  const defaultTrack = opts.defaultTrack ?? DEFAULT_TRACK;
  const parsed = parseChannel(opts.channel || `${defaultTrack}/stable`, { defaultTrack });
  if (!parsed.ok) return { kind: "invalid-channel", message: parsed.message };
  const channel = parsed.channel;
  const release =
    opts.revision !== null
      ? rels.find((r) => servesArchitecture(r.architecture, opts.architecture) && r.revision.revision === opts.revision)
      : resolvedRelease(rels, channel, opts.architecture);
  if (!release) return { kind: "revision-not-found", channel: channel.name };
  if (opts.current !== null && release.revision.revision === opts.current) return { kind: "no-update" };
  return { kind: "result", release, effectiveChannel: channel.name };
}
