/**
 * Signing, encoding and decoding assertions exactly as snapd 2.57's asserts package does
 * (asserts/asserts.go: assembleAndSign, Encode, Decode). Pure.
 *
 * Encoded form: HEADERS "\n\n" (BODY "\n\n")? SIGNATURE "\n", where the headers come in this order:
 * type, format (if > 0), authority-id, revision (if > 0), the type's primary-key headers (an
 * optional one only when it differs from its default), every other header sorted by name,
 * body-length (if there is a body), sign-key-sha3-384. The signature covers everything before the
 * blank line that precedes it.
 */
import type { KeyObject } from "node:crypto";
import { checkHeaderValue, encodeHeader, HeaderParseError, parseHeaders, byteOrder, type HeaderValue, type Headers } from "./headers";
import { decodeV1, encodeV1, keyId, OpenPgpError, parseSignaturePacket, signaturePacket, verifySignaturePacket } from "./openpgp";

export class AssertionError extends Error {
  override name = "AssertionError";
}

export interface AssertionTypeInfo {
  name: string;
  primaryKey: readonly string[];
  /** Optional primary-key headers (a suffix of primaryKey) and the default each takes when absent. */
  optionalDefaults?: Readonly<Record<string, string>>;
  /** snapd 2.57's maxSupportedFormat for the type (0 when it has no format iterations). */
  maxFormat: number;
}

/** The types this store signs (snapd's typeRegistry entries for them). */
export const ASSERTION_TYPES = {
  account: { name: "account", primaryKey: ["account-id"], maxFormat: 0 },
  "account-key": { name: "account-key", primaryKey: ["public-key-sha3-384"], maxFormat: 0 },
  "snap-declaration": { name: "snap-declaration", primaryKey: ["series", "snap-id"], maxFormat: 5 },
  "snap-revision": {
    name: "snap-revision",
    primaryKey: ["snap-sha3-384", "provenance"],
    optionalDefaults: { provenance: "global-upload" },
    maxFormat: 0,
  },
} as const satisfies Record<string, AssertionTypeInfo>;

export type AssertionTypeName = keyof typeof ASSERTION_TYPES;

export function isAssertionTypeName(s: string): s is AssertionTypeName {
  return Object.prototype.hasOwnProperty.call(ASSERTION_TYPES, s);
}

/** A private key ready to sign: the key, its snapd key id. */
export interface Signer {
  privateKey: KeyObject;
  /** sign-key-sha3-384 of the key. */
  keyId: string;
}

export function signerOf(privateKey: KeyObject): Signer {
  return { privateKey, keyId: keyId(privateKey) };
}

export interface Assertion {
  type: AssertionTypeName;
  /** Every header as it appears in the encoding (type, authority-id, ... sign-key-sha3-384). */
  headers: Headers;
  /** The body ("" when none). */
  body: string;
  format: number;
  revision: number;
  /** The signed bytes: headers, and "\n\n" + body when there is one. */
  content: Buffer;
  /** The signature text as it appears in the encoding (v1 base64, wrapped; no trailing newline). */
  signature: string;
  /** The whole encoded assertion, ending with a newline ("cat friendly", as snapd writes it). */
  encoded: string;
}

const META = new Set(["type", "format", "authority-id", "signatory-id", "revision", "body-length", "sign-key-sha3-384"]);
const INT_RE = /^(0|[1-9][0-9]*)$/;

function iteration(headers: Headers, name: string): number {
  const v = headers[name];
  if (v === undefined) return 0;
  if (typeof v !== "string" || !INT_RE.test(v) || !Number.isSafeInteger(Number(v)))
    throw new AssertionError(`"${name}" header must be a non-negative integer, got ${JSON.stringify(v)}`);
  return Number(v);
}

export interface SignOptions {
  /** The signature packet's creation time. Use the assertion's own timestamp: same input, same bytes. */
  signedAt: Date;
}

/**
 * Builds and signs an assertion (snapd's assembleAndSign). `headers` holds every header but type,
 * body-length and sign-key-sha3-384 (set here); format and revision as decimal strings, omitted or
 * "0" when zero. Throws AssertionError on anything snapd would refuse.
 */
export function signAssertion(type: AssertionTypeName, headers: Headers, body: string, signer: Signer, opts: SignOptions): Assertion {
  const info: AssertionTypeInfo = ASSERTION_TYPES[type];
  for (const name of ["type", "body-length", "sign-key-sha3-384", "signatory-id"]) {
    if (name in headers) throw new AssertionError(`"${name}" is set by the signer, not by the caller`);
  }
  const problems = Object.entries(headers).flatMap(([k, v]) => checkHeaderValue(v, k));
  if (problems.length) throw new AssertionError(`${type} assertion: ${problems.join("; ")}`);
  const authority = headers["authority-id"];
  if (typeof authority !== "string" || authority === "") throw new AssertionError(`"authority-id" header is mandatory`);
  const format = iteration(headers, "format");
  if (format > info.maxFormat)
    throw new AssertionError(`cannot sign "${type}" assertion with format ${format} higher than max supported format ${info.maxFormat}`);
  const revision = iteration(headers, "revision");

  const bodyBytes = Buffer.from(body, "utf8");
  const parts: string[] = [`type: ${type}`];
  const final: Headers = { type };
  const put = (name: string, value: HeaderValue) => {
    parts.push(encodeHeader(name, value));
    final[name] = value;
  };
  if (format > 0) put("format", String(format));
  put("authority-id", authority);
  if (revision > 0) put("revision", String(revision));
  const written = new Set(META);
  for (const key of info.primaryKey) {
    const dflt = info.optionalDefaults?.[key as keyof typeof info.optionalDefaults] as string | undefined;
    const v = headers[key];
    written.add(key);
    if (v === undefined && dflt !== undefined) continue;
    if (typeof v !== "string" || v === "") throw new AssertionError(`"${key}" header is mandatory`);
    if (v.includes("/")) throw new AssertionError(`"${key}" primary key header cannot contain '/'`);
    if (v !== dflt) put(key, v);
  }
  for (const key of Object.keys(headers).sort(byteOrder)) {
    if (!written.has(key)) put(key, headers[key]);
  }
  if (bodyBytes.length > 0) put("body-length", String(bodyBytes.length));
  put("sign-key-sha3-384", signer.keyId);

  const head = Buffer.from(parts.join(""), "utf8");
  const content = bodyBytes.length > 0 ? Buffer.concat([head, Buffer.from("\n\n"), bodyBytes]) : head;
  const signature = encodeV1(signaturePacket(content, signer.privateKey, opts.signedAt));
  return {
    type,
    headers: final,
    body,
    format,
    revision,
    content,
    signature,
    encoded: `${content.toString("utf8")}\n\n${signature}\n`,
  };
}

// ---------------------------------------------------------------------------------------------
// Decoding and verification (for tests and for reading stored assertions back)
// ---------------------------------------------------------------------------------------------

export interface DecodedAssertion {
  type: string;
  headers: Headers;
  body: string;
  format: number;
  revision: number;
  content: Buffer;
  signature: string;
  signKeyId: string;
}

/**
 * Decodes one encoded assertion like snapd's asserts.Decode: content/signature split at the LAST
 * blank line, headers/body at the first; body-length must match. Throws AssertionError.
 */
export function decodeAssertion(encoded: string | Buffer): DecodedAssertion {
  const buf = typeof encoded === "string" ? Buffer.from(encoded, "utf8") : encoded;
  const split = buf.lastIndexOf("\n\n");
  if (split === -1) throw new AssertionError("assertion content/signature separator not found");
  const content = buf.subarray(0, split);
  const signature = buf.subarray(split + 2).toString("utf8");
  const hb = content.indexOf("\n\n");
  const head = hb === -1 ? content : content.subarray(0, hb);
  const body = hb === -1 ? Buffer.alloc(0) : content.subarray(hb + 2);
  let headers: Headers;
  try {
    headers = parseHeaders(head.toString("utf8"));
  } catch (err) {
    if (err instanceof HeaderParseError) throw new AssertionError(`parsing assertion headers: ${err.message}`);
    throw err;
  }
  const bodyLength = iteration(headers, "body-length");
  if (bodyLength !== body.length) throw new AssertionError(`assertion body length and declared body-length don't match: ${body.length} != ${bodyLength}`);
  const type = headers.type;
  if (typeof type !== "string" || type === "") throw new AssertionError(`assertion: "type" header is mandatory`);
  const signKeyId = headers["sign-key-sha3-384"];
  if (typeof signKeyId !== "string" || !/^[A-Za-z0-9_-]{64}$/.test(signKeyId))
    throw new AssertionError(`assertion: "sign-key-sha3-384" header is missing or not a SHA3-384 digest`);
  if (signature.trim() === "") throw new AssertionError("empty assertion signature");
  return {
    type,
    headers,
    body: body.toString("utf8"),
    format: iteration(headers, "format"),
    revision: iteration(headers, "revision"),
    content: Buffer.from(content),
    signature: signature.replace(/\n$/, ""),
    signKeyId,
  };
}

/** Checks the signature of a decoded assertion with a public key; the key id must match too. */
export function verifyAssertion(a: DecodedAssertion, publicKey: KeyObject): { ok: true } | { ok: false; error: string } {
  const id = keyId(publicKey);
  if (a.signKeyId !== id) return { ok: false, error: `signed by key ${a.signKeyId}, not by ${id}` };
  try {
    const packet = decodeV1(a.signature, "signature");
    parseSignaturePacket(packet);
    return verifySignaturePacket(a.content, packet, publicKey) ? { ok: true } : { ok: false, error: "failed signature verification" };
  } catch (err) {
    if (err instanceof OpenPgpError) return { ok: false, error: err.message };
    throw err;
  }
}

/** The creation time recorded in an assertion's signature packet. */
export function signatureTime(a: DecodedAssertion): Date | null {
  return parseSignaturePacket(decodeV1(a.signature, "signature")).created;
}
