// Person-readable refusals for the publisher workflow: one place that turns a refusal code plus
// its facts into the AppError (code, message, HTTP status) the API and the dashboard show.
import { AppError } from "@/lib/errors";
import { SNAP_NAME_RULE } from "@/lib/snap/snap-yaml";
import { revisionStatusPhrase, type RevisionStatus } from "@/lib/vocabulary";

export const withdrawPath = (name: string, revision: number) => `POST /api/v1/snaps/${name}/revisions/${revision}/withdraw`;

interface Refusals {
  "snap-not-found": { name: string };
  "not-owner": { name: string };
  "invalid-name": { name: string };
  "name-taken": { name: string };
  "name-pending-review": { name: string };
  "name-rejected": { name: string };
  "revision-awaiting-review": { name: string; revision: number; reasons: string[] };
  "revision-not-found": { name: string; revision?: number; channel?: string };
  "revision-not-ready": { name: string; revision: number; status: RevisionStatus; reasons?: string[] };
  "devmode-or-devel-to-stable": { revision: number; confinement: string; grade: string; channel: string };
  "classic-not-granted": { name: string; revision: number };
  "invalid-channel": { problems: string[] };
  "upload-not-found": { name: string; uploadId: string };
  "not-withdrawable": { name: string; revision: number; status: RevisionStatus };
  "unknown-plug": { name: string; interface: string; plug?: string; known: string[] };
  "request-exists": { name: string; type: string; interface?: string | null };
  "classic-already-granted": { name: string };
  "acknowledgements-missing": { missing: { id: string; label: string }[] };
  "request-not-found": { id: string };
  "token-not-found": { id: string };
  "invalid-credentials": Record<string, never>;
}
export type RefusalCode = keyof Refusals;

const TABLE: { [K in RefusalCode]: { status: number; message: (c: Refusals[K]) => string } } = {
  "snap-not-found": { status: 404, message: (c) => `No snap named "${c.name}" is registered in this store.` },
  "not-owner": {
    status: 403,
    message: (c) => `The snap "${c.name}" belongs to another publisher; only its owner (or an admin) can do this.`,
  },
  "invalid-name": { status: 400, message: (c) => `"${c.name}" is not a valid snap name: ${SNAP_NAME_RULE}.` },
  "name-taken": { status: 409, message: (c) => `The name "${c.name}" is already registered; choose another name.` },
  "name-pending-review": {
    status: 409,
    message: (c) =>
      `The name "${c.name}" is reserved and its registration is waiting for review; uploads are accepted once the store approves it.`,
  },
  "name-rejected": { status: 403, message: (c) => `The registration of the reserved name "${c.name}" was rejected; uploads are refused.` },
  "revision-awaiting-review": {
    status: 409,
    message: (c) =>
      `Revision ${c.revision} of "${c.name}" is waiting for manual review${c.reasons.length ? ` (${c.reasons.join("; ")})` : ""}. ` +
      `New uploads of this snap are refused until it is reviewed; to upload anyway, withdraw it first: ${withdrawPath(c.name, c.revision)} ` +
      `(or "Withdraw" on the dashboard).`,
  },
  "revision-not-found": {
    status: 404,
    message: (c) =>
      c.channel
        ? `Nothing is released in ${c.channel} of "${c.name}": there is no revision to promote.`
        : `"${c.name}" has no revision ${c.revision}.`,
  },
  "revision-not-ready": {
    status: 409,
    message: (c) =>
      `Revision ${c.revision} of "${c.name}" ${revisionStatusPhrase(c.status)}${c.reasons?.length ? ` (${c.reasons.join("; ")})` : ""}; ` +
      `only revisions that are ready to release can be released.`,
  },
  "devmode-or-devel-to-stable": {
    status: 400,
    message: (c) => {
      const what =
        c.confinement === "devmode" && c.grade === "devel" ? "devmode and devel grade" : c.confinement === "devmode" ? "devmode" : "devel grade";
      return `Cannot release to ${c.channel}: revision ${c.revision} is ${what}; devmode and devel-grade revisions can only be released to beta or edge.`;
    },
  },
  "classic-not-granted": {
    status: 403,
    message: (c) =>
      `Revision ${c.revision} uses classic confinement and "${c.name}" has no classic grant; request classic confinement ` +
      `(POST /api/v1/snaps/${c.name}/requests with type "classic") and release once it is approved.`,
  },
  "invalid-channel": { status: 400, message: (c) => `Invalid channel: ${c.problems.join("; ")}.` },
  "upload-not-found": { status: 404, message: (c) => `"${c.name}" has no upload ${c.uploadId}.` },
  "not-withdrawable": {
    status: 409,
    message: (c) => `Revision ${c.revision} of "${c.name}" ${revisionStatusPhrase(c.status)}; only a revision waiting for manual review can be withdrawn.`,
  },
  "unknown-plug": {
    status: 400,
    message: (c) =>
      `No uploaded revision of "${c.name}" plugs ${c.plug ? `"${c.plug}" with ` : ""}the interface "${c.interface}"` +
      (c.known.length ? ` (its plugs: ${c.known.join(", ")})` : " (no uploaded revision declares any plug)") +
      `; upload a revision that uses it first.`,
  },
  "request-exists": {
    status: 409,
    message: (c) => `A ${c.type}${c.interface ? ` request for "${c.interface}"` : " request"} of "${c.name}" is already pending; comment on it instead.`,
  },
  "classic-already-granted": { status: 409, message: (c) => `"${c.name}" already has classic confinement granted.` },
  "acknowledgements-missing": {
    status: 400,
    message: (c) =>
      `Confirm every statement before filing a classic request (missing: ${c.missing.map((m) => `${m.id}: ${m.label}`).join("; ")}).`,
  },
  "request-not-found": { status: 404, message: (c) => `No request ${c.id}.` },
  "token-not-found": { status: 404, message: (c) => `You have no API token ${c.id}.` },
  "invalid-credentials": { status: 401, message: () => "The email or password is not correct." },
};

/** The AppError for a refusal; `throw refusal("not-owner", { name })`. */
export function refusal<K extends RefusalCode>(code: K, ctx: Refusals[K]): AppError {
  const entry = TABLE[code];
  return new AppError(code, entry.message(ctx), entry.status, ctx as Record<string, unknown>);
}
