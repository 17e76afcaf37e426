/**
 * The four assertion types the store signs, with the header checks snapd 2.57 applies when it
 * assembles them (asserts/account.go, account_key.go, snap_asserts.go). Pure: callers pass the
 * facts, the signer and the times; nothing here reads a clock, so the same input signs to the same
 * bytes.
 */
import type { KeyObject } from "node:crypto";
import { AssertionError, signAssertion, type Assertion, type Signer } from "./assertion";
import { declarationHeaders, type DeclarationInput } from "./declaration";
import type { Headers } from "./headers";
import { encodeV1, keyIdOfPacket, publicKeyPacket } from "./openpgp";

/** snapd's validAccountID. */
export const ACCOUNT_ID_RE = /^(?:[a-z0-9A-Z]{32}|[-a-z0-9]{2,28})$/;
/** snapd's naming.ValidSnapID. */
export const SNAP_ID_RE = /^[a-z0-9A-Z]{32}$/;
/** snapd's validAccountKeyName. */
export const ACCOUNT_KEY_NAME_RE = /^(?:[a-z0-9]+-?)*[a-z](?:-?[a-z0-9])*$/;
/** The only series snapd uses. */
export const SERIES = "16";

/**
 * RFC 3339 in UTC without fractional seconds, the form snapd writes (Go's time.RFC3339). Fractions
 * are dropped (rounded down), so a timestamp never moves past the moment it describes.
 */
export function rfc3339(d: Date): string {
  if (!(d instanceof Date) || Number.isNaN(d.getTime())) throw new AssertionError("invalid timestamp");
  return d.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** The same instant truncated to whole seconds (what the timestamp header can say). */
export function wholeSeconds(d: Date): Date {
  return new Date(Math.floor(d.getTime() / 1000) * 1000);
}

function requireMatch(value: string, re: RegExp, what: string): void {
  if (!re.test(value)) throw new AssertionError(`${what} ${JSON.stringify(value)} is not valid`);
}

function nonEmpty(value: string, what: string): void {
  if (typeof value !== "string" || value.trim() === "") throw new AssertionError(`${what} must not be empty`);
  if (value.includes("\n")) throw new AssertionError(`${what} must be one line`);
}

export interface AccountInput {
  authorityId: string;
  accountId: string;
  displayName: string;
  username?: string;
  /** unproven | verified | starred (snapd accepts any non-empty word; "certified" reads as verified). */
  validation: string;
  timestamp: Date;
  revision?: number;
}

/** `account`: a publisher (or the store's own root account). */
export function accountAssertion(input: AccountInput, signer: Signer): Assertion {
  requireMatch(input.accountId, ACCOUNT_ID_RE, "account-id");
  nonEmpty(input.displayName, "display-name");
  nonEmpty(input.validation, "validation");
  const ts = wholeSeconds(input.timestamp);
  const headers: Headers = {
    "authority-id": input.authorityId,
    revision: String(input.revision ?? 0),
    "account-id": input.accountId,
    "display-name": input.displayName,
    validation: input.validation,
    timestamp: rfc3339(ts),
  };
  if (input.username !== undefined) headers.username = input.username;
  return signAssertion("account", headers, "", signer, { signedAt: ts });
}

export interface AccountKeyInput {
  authorityId: string;
  /** The account the key belongs to. */
  accountId: string;
  /** The key being certified (public or private: only its public half is used). */
  key: KeyObject;
  name?: string;
  since: Date;
  until?: Date;
  revision?: number;
}

/**
 * `account-key`: certifies `key` for `accountId`, signed by `signer` (the root key, or the key
 * itself for the self-signed root). Body: the v1-encoded public-key packet.
 */
export function accountKeyAssertion(input: AccountKeyInput, signer: Signer): Assertion {
  requireMatch(input.accountId, ACCOUNT_ID_RE, "account-id");
  if (input.name !== undefined) requireMatch(input.name, ACCOUNT_KEY_NAME_RE, "account-key name");
  const since = wholeSeconds(input.since);
  const packet = publicKeyPacket(input.key);
  const headers: Headers = {
    "authority-id": input.authorityId,
    revision: String(input.revision ?? 0),
    "public-key-sha3-384": keyIdOfPacket(packet),
    "account-id": input.accountId,
    since: rfc3339(since),
  };
  if (input.name !== undefined) headers.name = input.name;
  if (input.until) {
    const until = wholeSeconds(input.until);
    if (until < since) throw new AssertionError("'until' time cannot be before 'since' time");
    headers.until = rfc3339(until);
  }
  return signAssertion("account-key", headers, encodeV1(packet), signer, { signedAt: since });
}

export interface SnapDeclarationInput {
  authorityId: string;
  snapId: string;
  snapName: string;
  publisherId: string;
  revision: number;
  timestamp: Date;
  declaration?: DeclarationInput;
}

/** `snap-declaration` (series 16) with the declaration's plugs/slots and the format they need. */
export function snapDeclarationAssertion(input: SnapDeclarationInput, signer: Signer): Assertion {
  requireMatch(input.snapId, SNAP_ID_RE, "snap-id");
  requireMatch(input.publisherId, ACCOUNT_ID_RE, "publisher-id");
  if (input.snapName.includes("\n")) throw new AssertionError("snap-name must be one line");
  if (!Number.isSafeInteger(input.revision) || input.revision < 0) throw new AssertionError(`revision must be a non-negative integer, got ${input.revision}`);
  const { plugs, slots, format } = declarationHeaders(input.declaration);
  const ts = wholeSeconds(input.timestamp);
  const headers: Headers = {
    format: String(format),
    "authority-id": input.authorityId,
    revision: String(input.revision),
    series: SERIES,
    "snap-id": input.snapId,
    "publisher-id": input.publisherId,
    "snap-name": input.snapName,
    timestamp: rfc3339(ts),
  };
  if (plugs) headers.plugs = plugs;
  if (slots) headers.slots = slots;
  return signAssertion("snap-declaration", headers, "", signer, { signedAt: ts });
}

export interface SnapRevisionInput {
  authorityId: string;
  /** SHA3-384 of the .snap file: 96 lowercase hex characters (as stored) or the 64-character base64url digest. */
  sha3_384: string;
  snapId: string;
  snapRevision: number;
  snapSize: bigint | number;
  developerId: string;
  timestamp: Date;
  revision?: number;
}

/** `snap-revision`: binds a file digest to a snap-id, revision, size and uploader. Default provenance. */
export function snapRevisionAssertion(input: SnapRevisionInput, signer: Signer): Assertion {
  const digest = /^[0-9a-f]{96}$/.test(input.sha3_384) ? Buffer.from(input.sha3_384, "hex").toString("base64url") : input.sha3_384;
  if (!/^[A-Za-z0-9_-]{64}$/.test(digest)) throw new AssertionError(`snap-sha3-384 ${JSON.stringify(input.sha3_384)} is not a SHA3-384 digest`);
  requireMatch(input.snapId, SNAP_ID_RE, "snap-id");
  requireMatch(input.developerId, ACCOUNT_ID_RE, "developer-id");
  if (!Number.isSafeInteger(input.snapRevision) || input.snapRevision < 1) throw new AssertionError(`snap-revision must be >= 1, got ${input.snapRevision}`);
  const size = BigInt(input.snapSize);
  if (size < 0n || size > 0xffffffffffffffffn) throw new AssertionError(`snap-size ${size} is out of range`);
  const ts = wholeSeconds(input.timestamp);
  const headers: Headers = {
    "authority-id": input.authorityId,
    revision: String(input.revision ?? 0),
    "snap-sha3-384": digest,
    "snap-id": input.snapId,
    "snap-size": size.toString(),
    "snap-revision": String(input.snapRevision),
    "developer-id": input.developerId,
    timestamp: rfc3339(ts),
  };
  return signAssertion("snap-revision", headers, "", signer, { signedAt: ts });
}
