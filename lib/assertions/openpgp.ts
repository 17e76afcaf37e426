/**
 * The OpenPGP pieces snapd's assertions use (asserts/crypto.go on golang.org/x/crypto/openpgp/packet),
 * written by hand with node:crypto: RFC 4880 v4 public-key packets for RSA keys, v4 binary-document
 * signature packets (RSA, SHA-512), and snapd's "v1" text wrapping of both. Pure (no I/O).
 *
 * - Key id (`public-key-sha3-384`, `sign-key-sha3-384`): unpadded base64url of SHA3-384 over
 *   0x01 + the public-key packet, whose creation time snapd fixes at 2016-01-01T00:00:00Z
 *   (v1FixedTimestamp), so the id depends on the key material only.
 * - Signature: what Go's packet.Signature.Sign + Serialize write for snapd: version 4, type 0x00,
 *   RSA (1), SHA-512 (10), one hashed subpacket (creation time), no unhashed subpackets, the two
 *   leading bytes of the digest, and the RSA signature as an MPI of 8 × its byte length bits (Go
 *   does not strip leading zero bytes). RSA PKCS#1 v1.5 is deterministic, so the same content,
 *   key and creation time give the same bytes: the store signs with the assertion's own timestamp
 *   and every instance serves identical assertions.
 * - v1 text: base64 of 0x01 + the packet, wrapped at 76 columns.
 */
import { createHash, createPublicKey, sign as rsaSign, verify as rsaVerify, type KeyObject } from "node:crypto";

/** snapd's v1FixedTimestamp: the creation time of every public-key packet. */
export const KEY_CREATION_TIME = new Date("2016-01-01T00:00:00Z");
const V1 = 0x01;
const TAG_SIGNATURE = 2;
const TAG_PUBLIC_KEY = 6;
const ALGO_RSA = 1;
const HASH_SHA512 = 10;
const SUBPACKET_CREATION_TIME = 2;
const LINE = 76;

export class OpenPgpError extends Error {
  override name = "OpenPgpError";
}

/** New-format packet header (what Go's serializeHeader writes). */
function packetHeader(tag: number, length: number): Buffer {
  if (length < 192) return Buffer.from([0xc0 | tag, length]);
  if (length < 8384) {
    const l = length - 192;
    return Buffer.from([0xc0 | tag, 192 + (l >> 8), l & 0xff]);
  }
  const b = Buffer.alloc(6);
  b[0] = 0xc0 | tag;
  b[1] = 255;
  b.writeUInt32BE(length, 2);
  return b;
}

function stripLeadingZeros(b: Buffer): Buffer {
  let i = 0;
  while (i < b.length - 1 && b[i] === 0) i++;
  return b.subarray(i);
}

function bitLength(b: Buffer): number {
  if (b.length === 0) return 0;
  return (b.length - 1) * 8 + (32 - Math.clz32(b[0]));
}

/** An MPI as Go's fromBig writes it: minimal bytes, exact bit length. */
function mpi(value: Buffer): Buffer {
  const bytes = stripLeadingZeros(value);
  const len = Buffer.alloc(2);
  len.writeUInt16BE(bitLength(bytes));
  return Buffer.concat([len, bytes]);
}

function uint32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
}

function unixSeconds(d: Date): number {
  const t = Math.floor(d.getTime() / 1000);
  if (!Number.isFinite(t) || t < 0 || t > 0xffffffff) throw new OpenPgpError(`time ${d.toISOString?.() ?? d} cannot be written in an OpenPGP packet`);
  return t;
}

/** The RSA modulus and exponent of a key (public or private). */
export function rsaComponents(key: KeyObject): { n: Buffer; e: Buffer } {
  if (key.asymmetricKeyType !== "rsa") throw new OpenPgpError(`expected an RSA key, got ${key.asymmetricKeyType ?? key.type}`);
  const jwk = (key.type === "private" ? createPublicKey(key) : key).export({ format: "jwk" });
  if (!jwk.n || !jwk.e) throw new OpenPgpError("the RSA key has no modulus/exponent");
  return { n: Buffer.from(jwk.n, "base64url"), e: Buffer.from(jwk.e, "base64url") };
}

/** RFC 4880 §5.5.2 v4 public-key packet (with header) for an RSA key, created at snapd's fixed time. */
export function publicKeyPacket(key: KeyObject): Buffer {
  const { n, e } = rsaComponents(key);
  const body = Buffer.concat([Buffer.from([4]), uint32(unixSeconds(KEY_CREATION_TIME)), Buffer.from([ALGO_RSA]), mpi(n), mpi(e)]);
  return Buffer.concat([packetHeader(TAG_PUBLIC_KEY, body.length), body]);
}

/** Unpadded base64url SHA3-384 of 0x01 + the public-key packet: snapd's key id. */
export function keyIdOfPacket(packet: Buffer): string {
  return createHash("sha3-384")
    .update(Buffer.from([V1]))
    .update(packet)
    .digest("base64url");
}

export function keyId(key: KeyObject): string {
  return keyIdOfPacket(publicKeyPacket(key));
}

/** snapd's encodeV1: base64 of 0x01 + data, wrapped at 76 columns (no trailing newline). */
export function encodeV1(data: Buffer): string {
  const flat = Buffer.concat([Buffer.from([V1]), data]).toString("base64");
  const lines: string[] = [];
  for (let off = 0; off < flat.length; off += LINE) lines.push(flat.slice(off, off + LINE));
  return lines.join("\n");
}

/**
 * snapd's decodeV1: strict base64 (newlines allowed, as Go's decoder skips them), version byte 1.
 * Returns the packet bytes. Throws OpenPgpError.
 */
export function decodeV1(text: string, kind: string): Buffer {
  const flat = text.replace(/[\r\n]/g, "");
  if (flat.length === 0) throw new OpenPgpError(`cannot decode ${kind}: no data`);
  if (flat.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(flat)) throw new OpenPgpError(`cannot decode ${kind}: not base64`);
  const buf = Buffer.from(flat, "base64");
  if (buf.length === 0) throw new OpenPgpError(`cannot decode ${kind}: base64 without data`);
  if (buf[0] !== V1) throw new OpenPgpError(`unsupported ${kind} format version: ${buf[0]}`);
  return buf.subarray(1);
}

/** Reads one packet: its tag and body. Rejects trailing data (snapd does too). */
export function readPacket(buf: Buffer, kind: string): { tag: number; body: Buffer } {
  if (buf.length < 2) throw new OpenPgpError(`cannot decode ${kind}: truncated packet`);
  const first = buf[0];
  if ((first & 0x80) === 0) throw new OpenPgpError(`cannot decode ${kind}: not an OpenPGP packet`);
  let tag: number;
  let length: number;
  let off: number;
  if (first & 0x40) {
    tag = first & 0x3f;
    const l0 = buf[1];
    if (l0 < 192) [length, off] = [l0, 2];
    else if (l0 < 224) {
      if (buf.length < 3) throw new OpenPgpError(`cannot decode ${kind}: truncated packet header`);
      [length, off] = [((l0 - 192) << 8) + buf[2] + 192, 3];
    } else if (l0 === 255) {
      if (buf.length < 6) throw new OpenPgpError(`cannot decode ${kind}: truncated packet header`);
      [length, off] = [buf.readUInt32BE(2), 6];
    } else throw new OpenPgpError(`cannot decode ${kind}: partial-length packets are not used in assertions`);
  } else {
    tag = (first >> 2) & 0x0f;
    const lt = first & 3;
    const n = lt === 0 ? 1 : lt === 1 ? 2 : lt === 2 ? 4 : 0;
    if (n === 0) throw new OpenPgpError(`cannot decode ${kind}: indeterminate-length packets are not used in assertions`);
    if (buf.length < 1 + n) throw new OpenPgpError(`cannot decode ${kind}: truncated packet header`);
    length = n === 1 ? buf[1] : n === 2 ? buf.readUInt16BE(1) : buf.readUInt32BE(1);
    off = 1 + n;
  }
  if (off + length !== buf.length)
    throw new OpenPgpError(off + length > buf.length ? `cannot decode ${kind}: truncated packet` : `${kind} has spurious trailing data`);
  return { tag, body: buf.subarray(off) };
}

function readMpi(body: Buffer, off: number, what: string): { value: Buffer; next: number } {
  if (off + 2 > body.length) throw new OpenPgpError(`truncated ${what}`);
  const bits = body.readUInt16BE(off);
  const len = (bits + 7) >> 3;
  if (off + 2 + len > body.length) throw new OpenPgpError(`truncated ${what}`);
  return { value: body.subarray(off + 2, off + 2 + len), next: off + 2 + len };
}

/** Parses a v4 RSA public-key packet back into a KeyObject (our decoder's counterpart of DecodePublicKey). */
export function parsePublicKeyPacket(packet: Buffer): { key: KeyObject; created: Date } {
  const { tag, body } = readPacket(packet, "public key");
  if (tag !== TAG_PUBLIC_KEY) throw new OpenPgpError(`expected public key, got packet type ${tag}`);
  if (body.length < 6 || body[0] !== 4) throw new OpenPgpError("only v4 public keys are supported");
  if (body[5] !== ALGO_RSA) throw new OpenPgpError(`expected RSA public key, got algorithm ${body[5]}`);
  const n = readMpi(body, 6, "RSA modulus");
  const e = readMpi(body, n.next, "RSA exponent");
  if (e.next !== body.length) throw new OpenPgpError("public key packet has trailing data");
  const key = createPublicKey({ key: { kty: "RSA", n: n.value.toString("base64url"), e: e.value.toString("base64url") }, format: "jwk" });
  return { key, created: new Date(body.readUInt32BE(1) * 1000) };
}

/** The bytes hashed after the content: the signature's hashed part plus the v4 trailer. */
function hashSuffix(created: Date): { hashed: Buffer; suffix: Buffer } {
  const subpackets = Buffer.concat([Buffer.from([5, SUBPACKET_CREATION_TIME]), uint32(unixSeconds(created))]);
  const hashedLen = Buffer.alloc(2);
  hashedLen.writeUInt16BE(subpackets.length);
  const hashed = Buffer.concat([Buffer.from([4, 0x00, ALGO_RSA, HASH_SHA512]), hashedLen, subpackets]);
  const trailer = Buffer.concat([Buffer.from([4, 0xff]), uint32(hashed.length)]);
  return { hashed, suffix: Buffer.concat([hashed, trailer]) };
}

/** A v4 signature packet (with header) over `content`, made with an RSA private key at `created`. */
export function signaturePacket(content: Buffer, privateKey: KeyObject, created: Date): Buffer {
  if (privateKey.type !== "private" || privateKey.asymmetricKeyType !== "rsa") throw new OpenPgpError("signing needs an RSA private key");
  const { hashed, suffix } = hashSuffix(created);
  const signed = Buffer.concat([content, suffix]);
  const digest = createHash("sha512").update(signed).digest();
  // crypto.sign hashes `signed` itself with SHA-512 and applies PKCS#1 v1.5 (DigestInfo) padding:
  // exactly rsa.SignPKCS1v15(key, SHA512, digest) in Go.
  const sig = rsaSign("sha512", signed, privateKey);
  const sigMpi = Buffer.concat([Buffer.alloc(2), sig]);
  sigMpi.writeUInt16BE(8 * sig.length);
  const body = Buffer.concat([hashed, Buffer.from([0, 0]), digest.subarray(0, 2), sigMpi]);
  return Buffer.concat([packetHeader(TAG_SIGNATURE, body.length), body]);
}

export interface ParsedSignature {
  sigType: number;
  pubKeyAlgo: number;
  hashAlgo: number;
  created: Date | null;
  hashTag: Buffer;
  signature: Buffer;
  /** Hashed part + v4 trailer, as hashed after the content. */
  suffix: Buffer;
}

/** Parses a v4 signature packet (our decoder's side; snapd uses Go's packet.Read). */
export function parseSignaturePacket(packet: Buffer): ParsedSignature {
  const { tag, body } = readPacket(packet, "signature");
  if (tag !== TAG_SIGNATURE) throw new OpenPgpError(`expected signature, got packet type ${tag}`);
  if (body.length < 6 || body[0] !== 4) throw new OpenPgpError("only v4 signatures are supported");
  const hashedLen = body.readUInt16BE(4);
  const hashedEnd = 6 + hashedLen;
  if (hashedEnd + 2 > body.length) throw new OpenPgpError("truncated signature packet");
  const hashed = body.subarray(0, hashedEnd);
  let created: Date | null = null;
  for (let off = 6; off < hashedEnd;) {
    const len = body[off];
    if (len >= 192 || len === 0 || off + 1 + len > hashedEnd) throw new OpenPgpError("unsupported signature subpacket encoding");
    if ((body[off + 1] & 0x7f) === SUBPACKET_CREATION_TIME && len === 5) created = new Date(body.readUInt32BE(off + 2) * 1000);
    off += 1 + len;
  }
  const unhashedLen = body.readUInt16BE(hashedEnd);
  const tagOff = hashedEnd + 2 + unhashedLen;
  if (tagOff + 2 > body.length) throw new OpenPgpError("truncated signature packet");
  const sig = readMpi(body, tagOff + 2, "RSA signature");
  if (sig.next !== body.length) throw new OpenPgpError("signature packet has trailing data");
  const trailer = Buffer.concat([Buffer.from([4, 0xff]), uint32(hashed.length)]);
  return {
    sigType: body[1],
    pubKeyAlgo: body[2],
    hashAlgo: body[3],
    created,
    hashTag: body.subarray(tagOff, tagOff + 2),
    signature: sig.value,
    suffix: Buffer.concat([hashed, trailer]),
  };
}

/** Verifies a signature packet over `content` with an RSA public key (what snapd's verify does). */
export function verifySignaturePacket(content: Buffer, packet: Buffer, publicKey: KeyObject): boolean {
  const sig = parseSignaturePacket(packet);
  if (sig.pubKeyAlgo !== ALGO_RSA || sig.hashAlgo !== HASH_SHA512) return false;
  const signed = Buffer.concat([content, sig.suffix]);
  const digest = createHash("sha512").update(signed).digest();
  if (!digest.subarray(0, 2).equals(sig.hashTag)) return false;
  // Like Go's padToKeySize: the MPI may have lost leading zero bytes.
  const { n } = rsaComponents(publicKey);
  const k = stripLeadingZeros(n).length;
  if (sig.signature.length > k) return false;
  const padded = Buffer.concat([Buffer.alloc(k - sig.signature.length), sig.signature]);
  return rsaVerify("sha512", signed, publicKey, padded);
}
