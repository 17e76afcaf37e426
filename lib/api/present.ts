// JSON shapes of the publisher API (/api/v1): the services return camelCase domain objects; these
// turn them into the wire format (hyphenated keys where the store API uses them).
import type { ChannelMap, ReleaseHistoryEntry } from "@/lib/server/releases";
import type { RevisionSummary } from "@/lib/server/revisions";
import { refusal } from "@/lib/server/explain";
import type { UploadStatus } from "@/lib/server/uploads";
import type { RequestView } from "@/lib/server/requests";

export function presentChannelMap(cm: ChannelMap) {
  return {
    "channel-map": cm.entries.map((e) => ({
      channel: {
        name: e.channel.name,
        track: e.channel.track,
        risk: e.channel.risk,
        branch: e.channel.branch,
        architecture: e.channel.architecture,
        "released-at": e.channel.releasedAt.toISOString(),
      },
      revision: e.revision,
      version: e.version,
      confinement: e.confinement,
      grade: e.grade,
    })),
    "default-track": cm.defaultTrack,
    // Per track/architecture/risk: revision, followed ("↑"), closed.
    tracks: cm.view.tracks,
  };
}

export function presentRevision(r: RevisionSummary) {
  return {
    revision: r.revision,
    version: r.version,
    architectures: r.architectures,
    confinement: r.confinement,
    grade: r.grade,
    status: r.status,
    "created-at": r.createdAt.toISOString(),
    "upload-id": r.uploadId,
    channels: r.channels,
    errors: r.errors,
  };
}

export function presentHistory(e: ReleaseHistoryEntry) {
  return { channel: e.channel, architecture: e.architecture, revision: e.revision, action: e.action, by: e.by, "created-at": e.at.toISOString() };
}

export function presentUploadStatus(s: UploadStatus) {
  return {
    code: s.code,
    revision: s.revision,
    errors: s.errors,
    review: s.review,
    version: s.version,
    confinement: s.confinement,
    grade: s.grade,
    "created-at": s.createdAt.toISOString(),
    "processed-at": s.processedAt?.toISOString() ?? null,
  };
}

export function presentRequest(r: RequestView) {
  return {
    id: r.id,
    type: r.type,
    status: r.status,
    interface: r.interface,
    plug: r.plug,
    category: r.category,
    reasoning: r.reasoning,
    revision: r.revision,
    requester: r.requester,
    "created-at": r.createdAt.toISOString(),
    "voting-ends-at": r.votingEndsAt?.toISOString() ?? null,
    "decided-at": r.decidedAt?.toISOString() ?? null,
    "decision-comment": r.decisionComment,
    votes: r.votes.map((v) => ({ voter: v.voter, value: v.value, comment: v.comment, "created-at": v.at.toISOString() })),
    tally: { for: r.tally.for, against: r.tally.against, abstain: r.tally.abstain, status: r.tally.status },
    comments: r.comments.map((c) => ({ id: c.id, author: c.author, body: c.body, "created-at": c.at.toISOString() })),
  };
}

/** A `{rev}` path segment: a positive integer, else 400 invalid-revision. */
export function revisionParam(value: string | undefined): number {
  if (!value || !/^[1-9]\d{0,9}$/.test(value)) throw refusal("invalid-revision", { value: value ?? "" });
  return Number(value);
}

/**
 * camelCase keys to the API's kebab-case, recursively, except inside the named keys whose values
 * are data (snap.yaml attributes, declaration rules, review reports), which keep their own keys.
 */
export function kebabKeys(value: unknown, keep: ReadonlySet<string> = KEEP_AS_IS): unknown {
  if (Array.isArray(value)) return value.map((v) => kebabKeys(v, keep));
  if (value instanceof Date) return value.toISOString();
  if (!value || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const key = k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    out[key] = keep.has(k) ? v : kebabKeys(v, keep);
  }
  return out;
}
const KEEP_AS_IS = new Set(["declaration", "review", "errors", "data", "attributes", "from", "to", "medianHoursByKind"]);
