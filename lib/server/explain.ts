// Every expected refusal of the store, in one table: a refusal code plus its facts become the
// AppError (code, message, HTTP status) that the API answers as {"error-list": [{code, message,
// extra}]} (the facts are the `extra`) and the dashboard shows. One wording per refusal; services,
// the route and action wrappers and the auth helpers all throw `refusal(code, facts)`.
import type { Role } from "@/lib/auth/roles";
import { AppError } from "@/lib/errors";
import { SNAP_NAME_RULE } from "@/lib/snap/snap-yaml";
import { formatLimit, revisionStatusPhrase, type RevisionStatus } from "@/lib/vocabulary";

export const withdrawPath = (name: string, revision: number) => `POST /api/v1/snaps/${name}/revisions/${revision}/withdraw`;

/** Why a caller is not authenticated (each has its own wording). */
export type UnauthorizedReason = "no-credentials" | "session-ended" | "malformed-header" | "invalid-token" | "revoked-token" | "disabled-account";

const UNAUTHORIZED: Record<UnauthorizedReason, string> = {
  "no-credentials": "Authentication required: send `Authorization: Bearer <token>`.",
  "session-ended": "Your session has ended. Sign in again.",
  "malformed-header": "The Authorization header must be `Bearer <token>`.",
  "invalid-token": "The API token is not valid.",
  "revoked-token": "The API token has been revoked.",
  "disabled-account": "The account of this token is disabled.",
};

interface Refusals {
  // Who may do what
  unauthorized: { reason: UnauthorizedReason };
  forbidden: { needs: readonly Role[]; role: Role };
  "no-publisher-account": Record<string, never>;
  "invalid-credentials": Record<string, never>;
  // Input the schemas cannot check
  "invalid-json": Record<string, never>;
  "invalid-field": { field: string; problems: string[] };
  "invalid-input": { fields: Record<string, string[]> };
  "invalid-revision": { value: string };
  // Accounts and names
  "email-taken": Record<string, never>;
  "username-taken": Record<string, never>;
  "already-reserved": { name: string };
  "not-reserved": { name: string };
  // Uploads
  "upload-too-large": { limit: number };
  "upload-aborted": { detail: string };
  "empty-upload": Record<string, never>;
  // Listing media
  "empty-media": Record<string, never>;
  "media-too-large": { kind: "icon" | "screenshot" | "image"; limit: number; size?: number };
  "unsupported-media-type": { kind: "icon" | "screenshot"; path?: string; revision?: number };
  "too-many-screenshots": { max: number };
  "media-not-found": { id: string };
  "blob-not-found": { name: string; revision: number };
  "no-snap-icon": { name: string; revision: number };
  // The publisher workflow
  "snap-not-found": { name: string };
  "not-owner": { name: string };
  "invalid-name": { name: string };
  "name-taken": { name: string };
  "name-is-store-route": { name: string };
  "name-already-yours": { name: string };
  "name-pending-review": { name: string };
  "name-rejected": { name: string };
  "revision-awaiting-review": { name: string; revision: number; reasons: string[] };
  "revision-not-found": { name: string; revision?: number; channel?: string; architecture?: string; releases?: { architecture: string; channel: string }[] };
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
  // Assertions (GET /v2/assertions, signed snap-declarations)
  "not-found": { message: string };
  "invalid-type": { type: string };
  "invalid-key": { type: string; key: string[]; expected: string };
  "invalid-max-format": { value: string };
  "invalid-declaration": { problems: string[] };
  "declaration-conflict": { name: string };
  "snap-id-not-found": { id: string };
  // The store API snapd speaks (/v2/snaps/...): snapd reads these codes
  "missing-device-header": { header: string };
  "name-not-found": { name: string };
  "id-not-found": { id: string };
  "range-not-satisfiable": { size: number; range: string };
  // The review queue
  "requester-cannot-review": { id: string; action: "vote" | "decide" };
  "publisher-cannot-review": { id: string; name: string; action: "vote" | "decide" };
  "already-decided": { id: string; status: string };
  "comment-required": { decision: string };
  "tally-not-passing": { id: string; for: number; against: number; admin: boolean };
  "voting-already-extended": { id: string; closesAt: string };
  "grant-not-found": { name: string; grant: string };
  "notification-not-found": { id: string };
  // Hostile requests (the wrappers refuse them before any work)
  "body-too-large": { limit: number };
  "unsupported-content-type": { contentType: string; expected: string };
  "foreign-origin": { origin: string };
  "too-many-attempts": { retryAfterSeconds: number };
  "wrong-password": Record<string, never>;
  "user-not-found": { email: string };
  "not-a-snap": { detail: string };
  "duplicate-upload": { name: string; revision: number; sha3_384: string };
  "too-many-uploads": { max: number };
  "snap-too-costly": { limit: "time" | "memory"; budgetMs: number };
  "cannot-disable-self": Record<string, never>;
  // Simulated devices: snapd's own words (message = the daemon's, cli = what `snap` prints)
  "device-not-found": { id: string };
  "device-name-taken": { name: string };
  "device-changed": { id: string };
  "snapd-refused": SnapdFacts;
  "snapd-not-found": SnapdFacts;
}

/** A refusal of the simulated snapd: its error kind, the daemon's message, the CLI's text, the deciding rule. */
export interface SnapdFacts {
  kind: string;
  message: string;
  cli: string;
  decision?: { allowed: boolean; reason: string; source: string; side?: string; subrule?: string };
}
export type RefusalCode = keyof Refusals;

const TABLE: { [K in RefusalCode]: { status: number; message: (c: Refusals[K]) => string } } = {
  unauthorized: { status: 401, message: (c) => UNAUTHORIZED[c.reason] },
  forbidden: { status: 403, message: (c) => `This needs the ${c.needs.join(" or ")} role; your account is a ${c.role}.` },
  "no-publisher-account": { status: 403, message: () => "Your user has no publisher account; ask an admin to create one." },
  "invalid-credentials": { status: 401, message: () => "The email or password is not correct." },
  "invalid-json": { status: 400, message: () => "The request body must be a JSON object." },
  "invalid-field": { status: 400, message: (c) => `${c.field}: ${c.problems.join(" ")}` },
  // A form's fields (server actions): the form shows each field's problems beside it.
  "invalid-input": { status: 400, message: () => "Please correct the highlighted fields." },
  "invalid-revision": { status: 400, message: (c) => `"${c.value}" is not a revision number.` },
  "email-taken": { status: 409, message: () => "An account with that email already exists." },
  "username-taken": { status: 409, message: () => "That publisher username is already taken." },
  "already-reserved": { status: 409, message: (c) => `"${c.name}" is already reserved.` },
  "not-reserved": { status: 404, message: (c) => `"${c.name}" is not on the reserved list.` },
  "upload-too-large": { status: 413, message: (c) => `The upload exceeds the maximum size of ${formatLimit(c.limit)} (${c.limit} bytes).` },
  "upload-aborted": { status: 400, message: (c) => `The ${c.detail}; send the whole file again.` },
  "empty-upload": { status: 400, message: () => "The upload is empty: send the .snap file as the request body (application/octet-stream)." },
  "empty-media": { status: 400, message: () => "The file is empty." },
  "media-too-large": {
    status: 413,
    message: (c) => `The ${c.kind} is larger than ${formatLimit(c.limit)}${c.size === undefined ? "" : ` (${formatLimit(c.size)})`}.`,
  },
  "unsupported-media-type": {
    status: 415,
    message: (c) =>
      c.path
        ? `${c.path} in revision ${c.revision} is not a PNG or SVG image.`
        : c.kind === "icon"
          ? "The icon must be a PNG or SVG image."
          : "Screenshots must be PNG or JPEG images.",
  },
  "too-many-screenshots": { status: 409, message: (c) => `A listing has at most ${c.max} screenshots; remove one first.` },
  "media-not-found": { status: 404, message: () => "That image is not part of this listing." },
  "blob-not-found": { status: 404, message: (c) => `The file of revision ${c.revision} of "${c.name}" is no longer stored.` },
  "no-snap-icon": { status: 404, message: (c) => `Revision ${c.revision} of "${c.name}" has no meta/gui/icon.png or icon.svg.` },
  "snap-not-found": { status: 404, message: (c) => `No snap named "${c.name}" is registered in this store.` },
  "not-owner": {
    status: 403,
    message: (c) => `The snap "${c.name}" belongs to another publisher; only its owner (or an admin) can do this.`,
  },
  "invalid-name": { status: 400, message: (c) => `"${c.name}" is not a valid snap name: ${SNAP_NAME_RULE}.` },
  "name-taken": { status: 409, message: (c) => `The name "${c.name}" is already registered; choose another name.` },
  "name-is-store-route": {
    status: 409,
    message: (c) => `The name "${c.name}" is a path of the store's own API (/api/v1/snaps/${c.name}) and cannot be registered; choose another name.`,
  },
  "name-already-yours": { status: 409, message: (c) => `The name "${c.name}" is already yours: it is in My snaps.` },
  "name-pending-review": {
    status: 409,
    message: (c) => `The name "${c.name}" is reserved and its registration is waiting for review; uploads are accepted once the store approves it.`,
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
      c.architecture
        ? `No revision of "${c.name}" is released ${c.revision ? `as revision ${c.revision}` : `in ${c.channel}`} for ${c.architecture}.`
        : c.channel
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
      const what = c.confinement === "devmode" && c.grade === "devel" ? "devmode and devel grade" : c.confinement === "devmode" ? "devmode" : "devel grade";
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
    message: (c) => `Confirm every statement before filing a classic request (missing: ${c.missing.map((m) => `${m.id}: ${m.label}`).join("; ")}).`,
  },
  "request-not-found": { status: 404, message: (c) => `No request ${c.id}.` },
  "token-not-found": { status: 404, message: (c) => `You have no API token ${c.id}.` },
  "not-found": { status: 404, message: (c) => c.message },
  "invalid-type": {
    status: 400,
    message: (c) => `"${c.type}" is not an assertion type; this store serves account, account-key, snap-declaration and snap-revision.`,
  },
  "invalid-key": { status: 400, message: (c) => `Invalid key for ${c.type}: ${JSON.stringify(c.key.join("/"))}; expected ${c.expected}.` },
  "invalid-max-format": { status: 400, message: (c) => `max-format must be a small non-negative integer, got ${JSON.stringify(c.value)}.` },
  "invalid-declaration": { status: 400, message: (c) => `The snap-declaration cannot be signed: ${c.problems.join("; ")}.` },
  "declaration-conflict": { status: 409, message: (c) => `The snap-declaration of "${c.name}" changed at the same moment; try again.` },
  "snap-id-not-found": { status: 404, message: (c) => `No snap with id ${c.id}.` },
  "missing-device-header": { status: 400, message: (c) => `The ${c.header} header is required (snapd sends it with every request).` },
  "name-not-found": { status: 404, message: (c) => `No snap named "${c.name}" is available in this store.` },
  "id-not-found": { status: 404, message: (c) => `No snap with snap-id ${c.id} is available in this store.` },
  "range-not-satisfiable": { status: 416, message: (c) => `The range ${c.range} is outside the file (${c.size} bytes).` },
  "requester-cannot-review": { status: 403, message: (c) => `You filed this request; the person who asks cannot ${c.action} on it.` },
  "publisher-cannot-review": {
    status: 403,
    message: (c) => `You publish "${c.name}"; a snap's publisher cannot ${c.action} on its requests.`,
  },
  "already-decided": {
    status: 409,
    message: (c) => `Already decided: request ${c.id} is ${c.status.replace(/_/g, "-")}; votes and decisions are only taken while it is open.`,
  },
  "comment-required": {
    status: 400,
    message: (c) =>
      c.decision === "reject" ? "A rejection needs a comment: tell the publisher why." : "Asking for information needs a comment: say what you need.",
  },
  "tally-not-passing": {
    status: 409,
    message: (c) =>
      `The vote does not pass yet (${c.for} for, ${c.against} against; it needs a simple majority and at least 2 in favour)` +
      (c.admin ? "; as an admin you may approve anyway with a written override reason." : "; wait for more votes."),
  },
  "voting-already-extended": { status: 409, message: (c) => `The voting period was already extended once (it closes ${c.closesAt}).` },
  "grant-not-found": { status: 404, message: (c) => `"${c.name}" has no ${c.grant} grant to revoke.` },
  "notification-not-found": { status: 404, message: (c) => `You have no notification ${c.id}.` },
  "body-too-large": { status: 413, message: (c) => `The request body exceeds ${formatLimit(c.limit)} (${c.limit} bytes).` },
  "unsupported-content-type": {
    status: 415,
    message: (c) => `This endpoint takes ${c.expected}${c.contentType ? `, not ${c.contentType}` : "; send a Content-Type header"}.`,
  },
  "too-many-attempts": {
    status: 429,
    message: (c) =>
      `Too many attempts; try again in ${c.retryAfterSeconds < 120 ? `${c.retryAfterSeconds} seconds` : `${Math.ceil(c.retryAfterSeconds / 60)} minutes`}.`,
  },
  "wrong-password": { status: 400, message: () => "Your current password is not correct." },
  "user-not-found": { status: 404, message: (c) => `No account with the email ${c.email}.` },
  "not-a-snap": {
    status: 400,
    message: (c) => `The upload is not a snap: ${c.detail} (a .snap is a squashfs 4.0 image, as made by snap pack or snapcraft). No revision was created.`,
  },
  "duplicate-upload": {
    status: 409,
    message: (c) => `This exact file was already uploaded as revision ${c.revision} of "${c.name}"; a new upload needs new content (e.g. a new version).`,
  },
  "too-many-uploads": { status: 429, message: (c) => `You already have ${c.max} uploads in progress; wait for one to finish.` },
  "cannot-disable-self": { status: 409, message: () => "You cannot disable your own account; ask another admin." },
  "snap-too-costly": {
    status: 422,
    message: (c) =>
      `Reading this snap ${c.limit === "time" ? `took longer than the store allows (${c.budgetMs} ms)` : "needed more memory than the store allows"}; ` +
      "real snaps take a few milliseconds: check meta/snap.yaml for huge or deeply nested content. No file was kept; upload a fixed snap.",
  },
  "foreign-origin": {
    status: 403,
    message: (c) => `Refused: the request comes from another site (${c.origin}); signed-in changes must come from this store's own pages.`,
  },
  "device-not-found": { status: 404, message: () => "No such device among yours." },
  "device-name-taken": { status: 409, message: (c) => `You already have a device named "${c.name}".` },
  "device-changed": {
    status: 409,
    message: () => "The device changed while this operation ran (another change was made at the same time); look again and retry.",
  },
  "snapd-refused": { status: 400, message: (c) => c.message },
  "snapd-not-found": { status: 404, message: (c) => c.message },
};

/** The AppError for a refusal; `throw refusal("not-owner", { name })`. The facts become `extra`. */
export function refusal<K extends RefusalCode>(code: K, ctx: Refusals[K]): AppError {
  const entry = TABLE[code];
  const facts = Object.keys(ctx).length ? (ctx as Record<string, unknown>) : undefined;
  return new AppError(code, entry.message(ctx), entry.status, facts);
}
