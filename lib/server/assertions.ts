import "server-only";
// The store's assertions, built from the database and signed with the store key
// (lib/server/signing.ts), served at GET /v2/assertions/{type}/{key...} the way snapd asks:
//
//   account/ACCOUNT-ID              the root account (authority) or a publisher's Account row
//   account-key/PUBLIC-KEY-SHA3-384 the root key or the store signing key
//   snap-declaration/16/SNAP-ID     the SnapDeclaration rows: revisioned, stored signed (`body`)
//   snap-revision/DIGEST[/global-upload]  a Revision that passed review (ready_to_release, or
//                                   released), built on demand
//
// Stored vs. built on demand: snap-declarations are stored because they are history (each grant or
// revocation is a new revision, kept with who made it). Accounts and snap-revisions are functions
// of their rows and are signed on request, deterministically: the timestamp is the row's own
// (Account.createdAt, Revision.processedAt), the signature's creation time is that timestamp, and
// RSA PKCS#1 v1.5 has no randomness, so every fetch and every instance returns the same bytes and
// nothing needs a migration or a backfill for rows that existed before this feature. Signing costs
// tens of milliseconds with a 4096-bit key, so the results are cached by their inputs.
//
// Public, unauthenticated and read-only apart from one thing: a snap that has no declaration yet
// gets its revision 0 written on first request (ensureSnapDeclaration), the same bytes whoever
// writes it first. Private snaps and names not (yet) the publisher's are "not found".
import type { Db, Tx } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";
import { ASSERTION_TYPES, AssertionError, isAssertionTypeName, type Assertion } from "@/lib/assertions/assertion";
import { DeclarationError, type DeclarationInput } from "@/lib/assertions/declaration";
import { assertionTime, type SigningIdentity } from "@/lib/assertions/identity";
import { accountAssertion, rfc3339, SERIES, snapDeclarationAssertion, snapRevisionAssertion } from "@/lib/assertions/types";
import { refusal } from "./explain";
import { getSigningIdentity } from "./signing";

/** snapd's media type for encoded assertions. */
export const ASSERTION_MEDIA_TYPE = "application/x.ubuntu.assertion";
/** Assertion types snapd 2.57 knows (asserts.TypeNames()): anything else is a malformed request. */
const SNAPD_TYPES = new Set([
  "account",
  "account-key",
  "account-key-request",
  "base-declaration",
  "device-session-request",
  "model",
  "preseed",
  "repair",
  "serial",
  "serial-request",
  "snap-build",
  "snap-declaration",
  "snap-developer",
  "snap-revision",
  "store",
  "system-user",
  "validation",
  "validation-set",
]);
/** How many stored declaration revisions a max-format request may look through (newest first). */
const MAX_DECLARATION_SCAN = 50;
/** How many revisions sharing one digest are considered (identical re-uploads). */
const MAX_DIGEST_ROWS = 20;
const REVIEWED = ["ready_to_release"] as const;

const notFound = (message: string) => refusal("not-found", { message });

// ---------------------------------------------------------------------------------------------
// Cache of signatures made on demand (keyed by every input, so a hit is always right)
// ---------------------------------------------------------------------------------------------

const CACHE_MAX = 2000;
const signed = new Map<string, string>();

function cachedSign(key: string, sign: () => Assertion): string {
  const hit = signed.get(key);
  if (hit !== undefined) {
    signed.delete(key); // refresh its place: least recently used goes first
    signed.set(key, hit);
    return hit;
  }
  const encoded = sign().encoded;
  signed.set(key, encoded);
  if (signed.size > CACHE_MAX) signed.delete(signed.keys().next().value as string);
  return encoded;
}

// ---------------------------------------------------------------------------------------------
// account, account-key
// ---------------------------------------------------------------------------------------------

/** The encoded `account` assertion for an account id (root or publisher), or null. */
export async function accountAssertionText(db: Tx, accountId: string, identity?: SigningIdentity): Promise<string | null> {
  const id = identity ?? (await getSigningIdentity());
  if (accountId === id.authorityId) return id.rootAccount.encoded;
  if (!/^[a-zA-Z0-9-]{2,32}$/.test(accountId)) return null;
  const acc = await db.account.findUnique({
    where: { id: accountId },
    select: { id: true, username: true, displayName: true, validation: true, createdAt: true },
  });
  if (!acc) return null;
  const input = {
    authorityId: id.authorityId,
    accountId: acc.id,
    username: acc.username,
    displayName: acc.displayName,
    validation: acc.validation,
    timestamp: assertionTime(id, acc.createdAt),
  };
  return cachedSign(JSON.stringify(["account", id.store.keyId, input]), () => accountAssertion(input, id.store));
}

/** The encoded `account-key` assertion for the root or the store key, or null. */
export async function accountKeyAssertionText(keyId: string, identity?: SigningIdentity): Promise<string | null> {
  const id = identity ?? (await getSigningIdentity());
  if (keyId === id.store.keyId) return id.storeAccountKey.encoded;
  if (keyId === id.rootKeyId) return id.rootAccountKey.encoded;
  return null;
}

// ---------------------------------------------------------------------------------------------
// snap-declaration
// ---------------------------------------------------------------------------------------------

interface SnapFacts {
  id: string;
  snapId: string;
  name: string;
  ownerId: string;
  createdAt: Date;
}

async function snapFacts(db: Tx, snapRowId: string): Promise<SnapFacts> {
  const snap = await db.snap.findUnique({ where: { id: snapRowId }, select: { id: true, snapId: true, name: true, ownerId: true, createdAt: true } });
  if (!snap) throw refusal("snap-id-not-found", { id: snapRowId });
  return snap;
}

function signDeclaration(id: SigningIdentity, snap: SnapFacts, revision: number, timestamp: Date, decl: DeclarationInput | undefined): Assertion {
  try {
    return snapDeclarationAssertion(
      { authorityId: id.authorityId, snapId: snap.snapId, snapName: snap.name, publisherId: snap.ownerId, revision, timestamp, declaration: decl },
      id.store,
    );
  } catch (err) {
    if (err instanceof DeclarationError) throw refusal("invalid-declaration", { problems: err.problems });
    if (err instanceof AssertionError) throw refusal("invalid-declaration", { problems: [err.message] });
    throw err;
  }
}

export interface StoredDeclaration {
  revision: number;
  /** The encoded assertion. */
  body: string;
}

/**
 * The snap's latest declaration, writing revision 0 (no plugs or slots, timestamped at the snap's
 * registration) when it has none. Idempotent and race-safe: concurrent callers write the same bytes
 * and all but one hit the unique (snapId, revision) and read the winner's.
 * `snapRowId` is the Snap row's id (Snap.id), which SnapDeclaration.snapId references.
 */
export async function ensureSnapDeclaration(db: Tx, snapRowId: string, identity?: SigningIdentity): Promise<StoredDeclaration> {
  const latest = await db.snapDeclaration.findFirst({ where: { snapId: snapRowId }, orderBy: { revision: "desc" }, select: { revision: true, body: true } });
  if (latest) return latest;
  const id = identity ?? (await getSigningIdentity());
  const snap = await snapFacts(db, snapRowId);
  const ts = assertionTime(id, snap.createdAt);
  const a = signDeclaration(id, snap, 0, ts, undefined);
  try {
    await db.snapDeclaration.create({ data: { snapId: snap.id, revision: 0, plugs: {}, slots: {}, body: a.encoded, createdById: null, createdAt: ts } });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    // Inside a PostgreSQL transaction the failed insert aborted it: report the conflict, not the
    // error of the re-read.
    const winner = await db.snapDeclaration
      .findFirst({ where: { snapId: snapRowId }, orderBy: { revision: "desc" }, select: { revision: true, body: true } })
      .catch(() => null);
    if (winner) return winner;
    throw err;
  }
  return { revision: 0, body: a.encoded };
}

/**
 * Writes the snap's next declaration revision with these plugs/slots rules (the complete rules:
 * merge with the current ones first), signed now, recorded as made by `actorId`. Call it inside
 * the transaction that makes the decision, so the grant and its assertion commit together.
 * A snap without a declaration first gets revision 0 (no rules), so revision 0 always means
 * "nothing granted". Throws 400 invalid-declaration (with every problem) for rules snapd would
 * refuse, 409 declaration-conflict when another writer took the same revision.
 */
export async function issueSnapDeclaration(
  db: Tx,
  snapRowId: string,
  rules: DeclarationInput,
  actorId: string | null,
  opts: { now?: Date; identity?: SigningIdentity } = {},
): Promise<StoredDeclaration> {
  const id = opts.identity ?? (await getSigningIdentity());
  const snap = await snapFacts(db, snapRowId);
  const current = await ensureSnapDeclaration(db, snapRowId, id).catch((err: unknown) => {
    throw isUniqueViolation(err) ? refusal("declaration-conflict", { name: snap.name }) : err;
  });
  const revision = current.revision + 1;
  const ts = assertionTime(id, opts.now ?? new Date());
  const a = signDeclaration(id, snap, revision, ts, rules);
  try {
    await db.snapDeclaration.create({
      data: {
        snapId: snap.id,
        revision,
        plugs: (rules.plugs ?? {}) as object,
        slots: (rules.slots ?? {}) as object,
        body: a.encoded,
        createdById: actorId,
        createdAt: ts,
      },
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw refusal("declaration-conflict", { name: snap.name });
    throw err;
  }
  return { revision, body: a.encoded };
}

/** The header block of a stored assertion (everything before the first blank line). */
function storedHead(body: string): string {
  const end = body.indexOf("\n\n");
  return end === -1 ? body : body.slice(0, end);
}

/** The format of a stored assertion, read from its header block. */
function storedFormat(body: string): number {
  const m = /^format: (\d+)$/m.exec(storedHead(body));
  return m ? Number(m[1]) : 0;
}

/** The sign-key-sha3-384 of a stored assertion. */
function storedSignKey(body: string): string | null {
  return /^sign-key-sha3-384: (\S+)$/m.exec(storedHead(body))?.[1] ?? null;
}

/**
 * The newest declaration revision of a public snap whose format is at most `maxFormat`, or null.
 * A revision stored under an earlier store key (the key was replaced) is signed again, on the fly,
 * with the current key from the row's own rules, revision and time: devices can only verify what
 * chains to the account-key the store serves now.
 */
export async function snapDeclarationText(db: Tx, snapId: string, maxFormat: number, identity?: SigningIdentity): Promise<string | null> {
  const snap = await db.snap.findUnique({
    where: { snapId },
    select: { id: true, snapId: true, name: true, ownerId: true, createdAt: true, private: true, nameStatus: true },
  });
  if (!snap || snap.private || snap.nameStatus !== "active") return null;
  const rows = await db.snapDeclaration.findMany({
    where: { snapId: snap.id },
    orderBy: { revision: "desc" },
    take: MAX_DECLARATION_SCAN,
    select: { revision: true, body: true, plugs: true, slots: true, createdAt: true },
  });
  if (rows.length === 0) return (await ensureSnapDeclaration(db, snap.id, identity)).body;
  const row = rows.find((r) => storedFormat(r.body) <= maxFormat);
  if (!row) return null;
  const id = identity ?? (await getSigningIdentity());
  if (storedSignKey(row.body) === id.store.keyId) return row.body;
  const rules = { plugs: row.plugs as Record<string, unknown>, slots: row.slots as Record<string, unknown> };
  const ts = assertionTime(id, row.createdAt);
  return cachedSign(JSON.stringify(["snap-declaration", id.store.keyId, snap.snapId, snap.name, snap.ownerId, row.revision, ts.getTime(), rules]), () =>
    signDeclaration(id, snap, row.revision, ts, rules),
  );
}

// ---------------------------------------------------------------------------------------------
// snap-revision
// ---------------------------------------------------------------------------------------------

/**
 * The `snap-revision` for a file digest (unpadded base64url SHA3-384), or null. The revision must
 * have passed review (ready_to_release) or be released; its snap must be public and its name
 * active. When identical files were uploaded as several revisions, a released one wins, then the
 * lowest: the digest is the assertion's key, so only one revision can own it.
 */
export async function snapRevisionText(db: Tx, digest: string, identity?: SigningIdentity): Promise<string | null> {
  const hex = Buffer.from(digest, "base64url").toString("hex");
  const rows = await db.revision.findMany({
    where: {
      sha3_384: hex,
      OR: [{ status: { in: [...REVIEWED] } }, { releases: { some: {} } }],
      snap: { private: false, nameStatus: "active" },
    },
    orderBy: { revision: "asc" },
    take: MAX_DIGEST_ROWS,
    select: {
      revision: true,
      size: true,
      createdAt: true,
      processedAt: true,
      snap: { select: { snapId: true, ownerId: true } },
      uploader: { select: { account: { select: { id: true } } } },
      _count: { select: { releases: true } },
    },
  });
  if (rows.length === 0) return null;
  const rev = rows.find((r) => r._count.releases > 0) ?? rows[0];
  const id = identity ?? (await getSigningIdentity());
  const input = {
    authorityId: id.authorityId,
    sha3_384: hex,
    snapId: rev.snap.snapId,
    snapRevision: rev.revision,
    snapSize: rev.size,
    // The uploader's publisher account; an uploader without one (an admin) uploads for the owner.
    developerId: rev.uploader.account?.id ?? rev.snap.ownerId,
    timestamp: assertionTime(id, rev.processedAt ?? rev.createdAt),
  };
  return cachedSign(
    JSON.stringify(["snap-revision", id.store.keyId, { ...input, snapSize: String(input.snapSize), timestamp: rfc3339(input.timestamp) }]),
    () => snapRevisionAssertion(input, id.store),
  );
}

// ---------------------------------------------------------------------------------------------
// The request: type, key, max-format -> one encoded assertion
// ---------------------------------------------------------------------------------------------

const KEY_SHAPES: Record<keyof typeof ASSERTION_TYPES, { expected: string; valid: (k: string[]) => boolean }> = {
  account: { expected: "ACCOUNT-ID", valid: (k) => k.length === 1 && /^(?:[a-z0-9A-Z]{32}|[-a-z0-9]{2,28})$/.test(k[0]) },
  "account-key": { expected: "PUBLIC-KEY-SHA3-384 (64 base64url characters)", valid: (k) => k.length === 1 && /^[A-Za-z0-9_-]{64}$/.test(k[0]) },
  "snap-declaration": {
    expected: "SERIES/SNAP-ID, e.g. 16/<32-character snap-id>",
    valid: (k) => k.length === 2 && /^[0-9]{1,4}$/.test(k[0]) && /^[a-z0-9A-Z]{32}$/.test(k[1]),
  },
  "snap-revision": {
    expected: "SNAP-SHA3-384 (64 base64url characters)[/PROVENANCE]",
    valid: (k) => (k.length === 1 || (k.length === 2 && /^[a-zA-Z0-9](?:-?[a-zA-Z0-9])*$/.test(k[1]))) && /^[A-Za-z0-9_-]{64}$/.test(k[0]),
  },
};

function parseMaxFormat(raw: string | null): number {
  if (raw === null || raw === "") return Number.MAX_SAFE_INTEGER;
  if (!/^[0-9]{1,4}$/.test(raw)) throw refusal("invalid-max-format", { value: raw.slice(0, 40) });
  return Number(raw);
}

/**
 * The encoded assertion for a request, or throws: 400 invalid-type / invalid-key /
 * invalid-max-format, 404 not-found (with a message naming what is missing).
 */
export async function findAssertion(db: Tx, type: string, key: string[], maxFormatRaw: string | null = null): Promise<string> {
  const maxFormat = parseMaxFormat(maxFormatRaw);
  if (!isAssertionTypeName(type)) {
    if (SNAPD_TYPES.has(type)) throw notFound(`This store does not serve ${type} assertions.`);
    throw refusal("invalid-type", { type: type.slice(0, 60) });
  }
  const shape = KEY_SHAPES[type];
  if (!shape.valid(key)) throw refusal("invalid-key", { type, key: key.slice(0, 4).map((k) => k.slice(0, 80)), expected: shape.expected });
  switch (type) {
    case "account":
      return (await accountAssertionText(db, key[0])) ?? throwNotFound(`No account ${key[0]}.`);
    case "account-key":
      return (await accountKeyAssertionText(key[0])) ?? throwNotFound(`No account-key ${key[0]}: this store signs with its root key and its store key only.`);
    case "snap-declaration": {
      if (key[0] !== SERIES) throw notFound(`No snap-declaration for series ${key[0]}: this store serves series ${SERIES}.`);
      const text = await snapDeclarationText(db, key[1], maxFormat);
      if (text === null) {
        const exists = await db.snap.findFirst({ where: { snapId: key[1], private: false, nameStatus: "active" }, select: { id: true } });
        throw notFound(exists ? `No revision of the snap-declaration for ${key[1]} has format ${maxFormat} or lower.` : `No snap with snap-id ${key[1]}.`);
      }
      return text;
    }
    case "snap-revision": {
      const provenance = key[1] ?? ASSERTION_TYPES["snap-revision"].optionalDefaults.provenance;
      if (provenance !== ASSERTION_TYPES["snap-revision"].optionalDefaults.provenance)
        throw notFound(`No snap-revision with provenance ${provenance}: this store signs global-upload revisions only.`);
      return (await snapRevisionText(db, key[0])) ?? throwNotFound(`No reviewed revision of any snap has the digest ${key[0]}.`);
    }
  }
}

function throwNotFound(message: string): never {
  throw notFound(message);
}

/** An error-list response with Content-Type exactly application/json (snapd reads no other). */
export function assertionErrorResponse(status: number, code: string, message: string): Response {
  return new Response(JSON.stringify({ "error-list": [{ code, message }] }), { status, headers: { "Content-Type": "application/json" } });
}

/**
 * GET /v2/assertions/{type}/{key...}?max-format=N as a Response: 200 with one encoded assertion
 * (application/x.ubuntu.assertion), or an error list. No authentication: assertions are public.
 */
export async function serveAssertion(db: Db, path: string[], search: URLSearchParams): Promise<Response> {
  try {
    if (path.length === 0) throw refusal("invalid-type", { type: "" });
    const text = await findAssertion(db, path[0], path.slice(1), search.get("max-format"));
    return new Response(text, { status: 200, headers: { "Content-Type": ASSERTION_MEDIA_TYPE, "Cache-Control": "no-cache" } });
  } catch (err) {
    if (err instanceof AppError) return assertionErrorResponse(err.status, err.code, err.message);
    console.error(`unexpected error serving assertion ${path.slice(0, 3).join("/")}`, err);
    return assertionErrorResponse(500, "internal-error", "Internal server error; the store logged the details.");
  }
}
