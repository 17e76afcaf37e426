/**
 * Which release and promote actions the store's rules allow for a revision and a channel state,
 * with the reason for each refused one. The server enforces the same rules (lib/server/releases);
 * this module lets the dashboard offer only what can succeed (and say why the rest is not offered)
 * and lets `snapstore upload --release` refuse before sending a byte. Pure: no I/O.
 */
import { canRelease, channelName, parseChannel, resolveChannel, RISKS, type Channel, type ChannelMapArchView, type ReleaseRow } from "./channels";
import type { Confinement, Grade } from "./snap-yaml";
import { revisionStatusWords } from "@/lib/vocabulary";

/** Why an action is not offered; the first three are also server refusal codes. */
export type RefusedReason = "classic-not-granted" | "revision-not-ready" | "devmode-or-devel-to-stable" | "already-released";

export type Verdict = { allowed: true } | { allowed: false; reason: RefusedReason; message: string };

/** What the rules need to know about a revision (status unknown before an upload). */
export interface RevisionState {
  revision: number | null;
  status?: string | null;
  confinement: string | null;
  grade: string | null;
}

const ALLOWED: Verdict = { allowed: true };

function refused(reason: RefusedReason, message: string): Verdict {
  return { allowed: false, reason, message };
}

function revisionWord(rev: RevisionState): string {
  return rev.revision === null ? "this snap" : `revision ${rev.revision}`;
}

/** Only the channel rule (devmode confinement or devel grade: beta and edge only); usable before an upload. */
export function channelVerdict(rev: RevisionState, channel: Channel): Verdict {
  const facts = { confinement: (rev.confinement ?? "strict") as Confinement, grade: (rev.grade ?? "stable") as Grade };
  if (canRelease(facts, channel).ok) return ALLOWED;
  const why =
    facts.confinement === "devmode" && facts.grade === "devel"
      ? "devmode confinement and devel grade"
      : facts.confinement === "devmode"
        ? "devmode confinement"
        : "devel grade";
  return refused("devmode-or-devel-to-stable", `${revisionWord(rev)} has ${why}: it can only be released to beta or edge, not ${channel.name}`);
}

/**
 * Releasing `rev` to `channel`, in the server's order: classic grant, readiness, devmode/devel, then
 * (dashboard only) whether the channel already holds this revision on every architecture given in
 * `holds` (the revision each architecture's row holds itself; null when none or closed).
 */
export function releaseVerdict(rev: RevisionState, channel: Channel, ctx: { classicGranted: boolean; holds?: (number | null)[] }): Verdict {
  if (rev.confinement === "classic" && !ctx.classicGranted) {
    return refused("classic-not-granted", `${revisionWord(rev)} uses classic confinement, which this snap is not granted: request classic confinement first`);
  }
  if (rev.status != null && rev.status !== "ready_to_release") {
    return refused("revision-not-ready", `${revisionWord(rev)} is not ready to release (${revisionStatusWords(rev.status)})`);
  }
  const ch = channelVerdict(rev, channel);
  if (!ch.allowed) return ch;
  if (rev.revision !== null && ctx.holds && ctx.holds.length > 0 && ctx.holds.every((h) => h === rev.revision)) {
    return refused("already-released", `${channel.name} already holds ${revisionWord(rev)}`);
  }
  return ALLOWED;
}

/** The channels a channel can be promoted to: a branch to its own risk and every more stable risk; a risk to every more stable risk. */
export function promotionTargets(from: Channel): Channel[] {
  const risks = RISKS.slice(0, RISKS.indexOf(from.risk) + (from.branch ? 1 : 0));
  return risks.map((risk) => ({ track: from.track, risk, branch: null, name: channelName(from.track, risk) }));
}

/** What a channel holds itself on an architecture (not what it follows); null when nothing. */
export function ownRevision(arch: ChannelMapArchView, channel: Channel): number | null {
  if (channel.branch) return arch.branches.find((b) => b.channel === channel.name)?.revision ?? null;
  const cell = arch.risks.find((c) => c.channel === channel.name);
  return cell && cell.revision !== null && !cell.followed ? cell.revision : null;
}

/**
 * Promoting what `from` holds to `to`: every revision `from` holds must be releasable there, and
 * at least one architecture must change. Revisions missing from `revisions` are left to the server.
 */
export function promoteVerdict(
  archs: ChannelMapArchView[],
  from: Channel,
  to: Channel,
  ctx: { classicGranted: boolean; revisions: Map<number, RevisionState> },
): Verdict {
  const pairs = archs.map((a) => ({ source: ownRevision(a, from), target: ownRevision(a, to) })).filter((p) => p.source !== null);
  if (pairs.length === 0) return refused("revision-not-ready", `${from.name} holds no revision`);
  for (const source of [...new Set(pairs.map((p) => p.source!))]) {
    const rev = ctx.revisions.get(source);
    if (!rev) continue;
    const v = releaseVerdict(rev, to, { classicGranted: ctx.classicGranted });
    if (!v.allowed) return v;
  }
  if (pairs.every((p) => p.source === p.target)) {
    const held = [...new Set(pairs.map((p) => p.source))];
    return refused("already-released", `${to.name} already holds revision ${held.join(", ")}`);
  }
  return ALLOWED;
}

/**
 * `snapstore upload --release`: the channels a local .snap (confinement and grade from its
 * snap.yaml) cannot be released to, checked before the upload starts. Unparsable channels are
 * left to the caller's parser.
 */
export function uploadReleaseProblems(facts: { confinement: string | null; grade: string | null }, channels: string[]): string[] {
  const problems: string[] = [];
  for (const c of channels) {
    const p = parseChannel(c);
    if (!p.ok) continue;
    const v = channelVerdict({ revision: null, ...facts }, p.channel);
    if (!v.allowed) problems.push(v.message);
  }
  return problems;
}

/**
 * The sentence a close confirmation shows: what devices on `channel` get once it is closed, per
 * architecture (resolveChannel without the channel's own rows: the next more stable open risk, or
 * for a branch its track/risk), or that nothing is left.
 */
export function afterCloseSentence(rows: ReleaseRow[], channel: Channel, architectures: string[]): string {
  const archs = architectures.length ? architectures : ["all"];
  const res = archs.map((architecture) => {
    const rest = rows.filter((r) => {
      const p = parseChannel(r.channel);
      return !p.ok || p.channel.name !== channel.name;
    });
    const r = resolveChannel(rest, channel, architecture);
    return r ? `revision ${r.revision} (from ${r.fromChannel})` : null;
  });
  const nothing = `nothing: no more stable channel of track ${channel.track} holds a revision, so the snap cannot be installed or refreshed from it`;
  if (new Set(res).size === 1) return `Devices on ${channel.name} will get ${res[0] ? `${res[0]} instead.` : `${nothing}.`}`;
  return `Devices on ${channel.name} will get: ${archs.map((a, i) => `${a}: ${res[i] ?? "nothing"}`).join("; ")}.`;
}
