import "server-only";
import type { Db, Tx } from "@/lib/db/client";
import { canRelease, channelMapView, parseChannel, type Channel, type ChannelMapView, type ReleaseRow } from "@/lib/snap/channels";
import { compareReleases, releaseChannel } from "@/lib/vocabulary";
import type { CloseChannelsInput, ReleaseInput } from "@/lib/schemas/releases";
import { audit } from "./audit";
import { refusal } from "./explain";
import { ownedSnap, requirePublisher, type Actor, type OwnedSnap } from "./ownership";
import { reviewReasons } from "./revisions";

/** Branches are short-lived (the store's 30 days). */
export const BRANCH_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;

export interface ChannelMapEntry {
  channel: { name: string; track: string; risk: string; branch: string | null; architecture: string; releasedAt: Date };
  revision: number;
  version: string | null;
  confinement: string | null;
  grade: string | null;
}

export interface ChannelMap {
  /** Open (channel, architecture) releases, by track, risk, branch, architecture. */
  entries: ChannelMapEntry[];
  /** Per track / architecture / risk view with "↑" follow semantics and closed markers. */
  view: ChannelMapView;
  defaultTrack: string;
}

export interface ReleaseResult {
  /** What was written: one entry per (channel, architecture). */
  released: { channel: string; architecture: string; revision: number }[];
  channelMap: ChannelMap;
}

export interface CloseResult {
  closed: string[];
  channelMap: ChannelMap;
}

/** Parses every channel first; one invalid-channel error naming each bad one (and why). */
export function parseChannels(inputs: string[], defaultTrack?: string | null): Channel[] {
  const problems: string[] = [];
  const out = new Map<string, Channel>();
  for (const input of inputs) {
    const p = parseChannel(input, { defaultTrack: defaultTrack ?? undefined });
    if (!p.ok) problems.push(p.message);
    else out.set(p.channel.name, p.channel);
  }
  if (problems.length) throw refusal("invalid-channel", { problems });
  return [...out.values()];
}

async function loadChannelMap(db: Tx, snap: { id: string; defaultTrack: string | null }): Promise<ChannelMap> {
  const rows = await db.release.findMany({ where: { snapId: snap.id }, include: { revision: true } });
  const entries: ChannelMapEntry[] = rows
    .filter((r) => r.revision)
    .map((r) => ({
      channel: { name: releaseChannel(r), track: r.track, risk: r.risk, branch: r.branch || null, architecture: r.architecture, releasedAt: r.releasedAt },
      revision: r.revision!.revision,
      version: r.revision!.version,
      confinement: r.revision!.confinement,
      grade: r.revision!.grade,
    }))
    .sort((a, b) => compareReleases(a.channel, b.channel));
  const releaseRows: ReleaseRow[] = rows.map((r) => ({ channel: releaseChannel(r), architecture: r.architecture, revision: r.revision?.revision ?? null }));
  const defaultTrack = snap.defaultTrack ?? "latest";
  return { entries, view: channelMapView(releaseRows, [], { tracks: [defaultTrack] }), defaultTrack };
}

/** GET /api/v1/snaps/{name}/channel-map (owner or admin). */
export async function getChannelMap(db: Db, actor: Actor, name: string): Promise<ChannelMap> {
  const snap = await ownedSnap(db, actor, name);
  return loadChannelMap(db, snap);
}

type RevisionRow = NonNullable<Awaited<ReturnType<Db["revision"]["findUnique"]>>>;

function revisionArchitectures(rev: RevisionRow): string[] {
  const archs = Array.isArray(rev.architectures) ? (rev.architectures as string[]) : [];
  return archs.length ? [...new Set(archs)] : ["all"];
}

type ReleasePair = { rev: RevisionRow; archs: string[] };

/** What to release: the revision and its architectures, or what `from` holds per architecture. */
async function releasePairs(db: Db, snap: OwnedSnap, input: ReleaseInput): Promise<{ pairs: ReleasePair[]; fromName: string | null }> {
  if (input.from === undefined) {
    const rev = await db.revision.findUnique({ where: { snapId_revision: { snapId: snap.id, revision: input.revision! } } });
    if (!rev) throw refusal("revision-not-found", { name: snap.name, revision: input.revision });
    return { pairs: [{ rev, archs: revisionArchitectures(rev) }], fromName: null };
  }
  const [from] = parseChannels([input.from], snap.defaultTrack);
  const rows = await db.release.findMany({
    where: { snapId: snap.id, track: from.track, risk: from.risk, branch: from.branch ?? "", revisionId: { not: null } },
    include: { revision: true },
  });
  const byRev = new Map<string, ReleasePair>();
  for (const r of rows) {
    const e = byRev.get(r.revisionId!) ?? { rev: r.revision!, archs: [] };
    e.archs.push(r.architecture);
    byRev.set(r.revisionId!, e);
  }
  if (byRev.size === 0) throw refusal("revision-not-found", { name: snap.name, channel: from.name });
  return { pairs: [...byRev.values()], fromName: from.name };
}

/** The release rules, for every revision and channel: classic grant, readiness, devmode/devel. */
function checkReleasable(snap: OwnedSnap, pairs: ReleasePair[], channels: Channel[]): void {
  for (const { rev } of pairs) {
    if (rev.confinement === "classic" && !snap.classicGranted) throw refusal("classic-not-granted", { name: snap.name, revision: rev.revision });
    if (rev.status !== "ready_to_release") {
      throw refusal("revision-not-ready", { name: snap.name, revision: rev.revision, status: rev.status, reasons: reviewReasons(rev.errors) });
    }
    const facts = { confinement: rev.confinement ?? "strict", grade: rev.grade ?? "stable" } as const;
    for (const ch of channels) {
      if (!canRelease(facts, ch).ok) throw refusal("devmode-or-devel-to-stable", { revision: rev.revision, ...facts, channel: ch.name });
    }
  }
}

/**
 * Releases a revision (or promotes what is in `from`) to channels. Every channel and rule is checked
 * before any write: invalid-channel, revision-not-found, classic-not-granted, revision-not-ready,
 * devmode-or-devel-to-stable. Then ONE transaction upserts the Release rows (channel × architecture
 * of the revision), appends ReleaseEvent history and the audit entry.
 */
export async function releaseRevision(db: Db, actor: Actor, name: string, input: ReleaseInput): Promise<ReleaseResult> {
  requirePublisher(actor);
  const snap = await ownedSnap(db, actor, name);
  const channels = parseChannels(input.channels, snap.defaultTrack);
  const { pairs, fromName } = await releasePairs(db, snap, input);
  checkReleasable(snap, pairs, channels);

  const now = new Date();
  const released: ReleaseResult["released"] = [];
  await db.$transaction(async (tx) => {
    for (const ch of channels) {
      const where = { snapId: snap.id, track: ch.track, risk: ch.risk, branch: ch.branch ?? "" };
      for (const { rev, archs } of pairs) {
        let targets = archs;
        if (archs.includes("all")) {
          // An architecture-independent revision replaces the arch-specific rows of the channel too.
          const existing = await tx.release.findMany({ where, select: { architecture: true } });
          targets = [...new Set([...archs, ...existing.map((e) => e.architecture)])];
        }
        for (const architecture of targets) {
          const data = { revisionId: rev.id, releasedAt: now, expiresAt: ch.branch ? new Date(now.getTime() + BRANCH_LIFETIME_MS) : null };
          await tx.release.upsert({
            where: { snapId_track_risk_branch_architecture: { ...where, architecture } },
            create: { ...where, architecture, ...data },
            update: data,
          });
          await tx.releaseEvent.create({
            data: { snapId: snap.id, channel: ch.name, architecture, revision: rev.revision, action: fromName ? "promote" : "release", actorId: actor.id },
          });
          released.push({ channel: ch.name, architecture, revision: rev.revision });
        }
      }
    }
    await audit(tx, {
      actorId: actor.id,
      action: fromName ? "snap.promote" : "snap.release",
      targetType: "snap",
      targetId: snap.id,
      data: { name, from: fromName, revisions: pairs.map((p) => p.rev.revision), channels: channels.map((c) => c.name) },
    });
  });
  return { released, channelMap: await loadChannelMap(db, snap) };
}

/**
 * Closes channels: their Release rows lose their revision (devices follow the next more stable
 * risk), with history and audit, in one transaction. Closing a channel with no release records a
 * closed row so the map shows it closed.
 */
export async function closeChannels(db: Db, actor: Actor, name: string, input: CloseChannelsInput): Promise<CloseResult> {
  requirePublisher(actor);
  const snap = await ownedSnap(db, actor, name);
  const channels = parseChannels(input.channels, snap.defaultTrack);
  await db.$transaction(async (tx) => {
    const knownArchs = [...new Set((await tx.release.findMany({ where: { snapId: snap.id }, select: { architecture: true } })).map((r) => r.architecture))];
    for (const ch of channels) {
      const where = { snapId: snap.id, track: ch.track, risk: ch.risk, branch: ch.branch ?? "" };
      const rows = await tx.release.findMany({ where, include: { revision: { select: { revision: true } } } });
      if (rows.length === 0) {
        for (const architecture of knownArchs.length ? knownArchs : ["all"]) {
          await tx.release.create({ data: { ...where, architecture, revisionId: null } });
          await tx.releaseEvent.create({ data: { snapId: snap.id, channel: ch.name, architecture, revision: null, action: "close", actorId: actor.id } });
        }
        continue;
      }
      for (const row of rows) {
        if (row.revisionId === null) continue;
        await tx.release.update({ where: { id: row.id }, data: { revisionId: null, releasedAt: new Date(), expiresAt: null } });
        await tx.releaseEvent.create({
          data: { snapId: snap.id, channel: ch.name, architecture: row.architecture, revision: null, action: "close", actorId: actor.id },
        });
      }
    }
    await audit(tx, { actorId: actor.id, action: "snap.close", targetType: "snap", targetId: snap.id, data: { name, channels: channels.map((c) => c.name) } });
  });
  return { closed: channels.map((c) => c.name), channelMap: await loadChannelMap(db, snap) };
}

export interface ReleaseHistoryEntry {
  channel: string;
  architecture: string;
  revision: number | null;
  action: string;
  by: string;
  at: Date;
}

/** GET /api/v1/snaps/{name}/releases/history: newest first. */
export async function releaseHistory(db: Db, actor: Actor, name: string, take = 500): Promise<ReleaseHistoryEntry[]> {
  const snap = await ownedSnap(db, actor, name);
  const events = await db.releaseEvent.findMany({
    where: { snapId: snap.id },
    include: { actor: { select: { email: true, name: true } } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
  });
  return events.map((e) => ({
    channel: e.channel,
    architecture: e.architecture,
    revision: e.revision,
    action: e.action,
    by: e.actor.name ?? e.actor.email,
    at: e.createdAt,
  }));
}
