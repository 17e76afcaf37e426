// Encoding, signing and decoding, byte by byte. snapd's own code checks the same assertions in
// test/snapd/assertions.test.ts; these pin the details without Go.
import { createPublicKey, type KeyObject } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { AssertionError, decodeAssertion, signAssertion, signatureTime, signerOf, verifyAssertion, type Signer } from "./assertion";
import { assertionTime, buildIdentity, trustedStream } from "./identity";
import { decodeV1, encodeV1, keyId, parsePublicKeyPacket, parseSignaturePacket, publicKeyPacket, readPacket } from "./openpgp";
import { fixtureKey } from "./testing";
import { accountAssertion, accountKeyAssertion, rfc3339, snapDeclarationAssertion, snapRevisionAssertion } from "./types";

let root: KeyObject;
let store: KeyObject;
let signer: Signer;
const AUTH = "test-store";
const PUB = "AliceAliceAliceAliceAliceAlice12";
const SNAP = "SnapAaaaaaaaaaaaaaaaaaaaaaaaaaaA";
const T0 = new Date("2024-03-01T12:00:00Z");

beforeAll(async () => {
  [root, store] = await Promise.all([fixtureKey("root"), fixtureKey("store")]);
  signer = signerOf(store);
}, 120_000);

describe("OpenPGP packets", () => {
  it("public-key packet: v4, created 2016-01-01, RSA, 4096-bit modulus and 65537 as MPIs", () => {
    const p = publicKeyPacket(store);
    const { tag, body } = readPacket(p, "public key");
    expect(tag).toBe(6);
    expect([...p.subarray(0, 3)]).toEqual([0xc6, 0xc1, 0x4d]); // new-format tag 6, two-octet length 525
    expect(body.length).toBe(525);
    expect([...body.subarray(0, 6)]).toEqual([4, 0x56, 0x85, 0xc1, 0x80, 1]); // 0x5685C180 = 2016-01-01T00:00:00Z
    expect(body.readUInt16BE(6)).toBe(4096);
    expect([...body.subarray(body.length - 5)]).toEqual([0, 17, 1, 0, 1]);
    const back = parsePublicKeyPacket(p);
    expect(back.created.toISOString()).toBe("2016-01-01T00:00:00.000Z");
    expect(back.key.export({ format: "jwk" })).toEqual(createPublicKey(store).export({ format: "jwk" }));
  });

  it("key id: 64 base64url characters, the same for the private and public halves, different per key", () => {
    expect(keyId(store)).toMatch(/^[A-Za-z0-9_-]{64}$/);
    expect(keyId(createPublicKey(store))).toBe(keyId(store));
    expect(keyId(root)).not.toBe(keyId(store));
  });

  it("v1 text: base64 of 0x01 + data in 76-column lines, and back", () => {
    const data = Buffer.alloc(200, 7);
    const text = encodeV1(data);
    expect(text.split("\n").map((l) => l.length)).toEqual([76, 76, 76, 40]); // 201 bytes -> 268 base64 characters
    expect(Buffer.from(text.replace(/\n/g, ""), "base64")[0]).toBe(1);
    expect(decodeV1(text, "x")).toEqual(data);
    expect(() => decodeV1("", "x")).toThrow(/no data/);
    expect(() => decodeV1(Buffer.from([2, 1]).toString("base64"), "x")).toThrow(/format version: 2/);
    expect(() => decodeV1("!!!!", "x")).toThrow(/not base64/);
  });

  it("signature packet: v4, binary, RSA, SHA-512, only a hashed creation time, deterministic", () => {
    const a = signAssertion(
      "account",
      { "authority-id": AUTH, "account-id": PUB, "display-name": "A", validation: "unproven", timestamp: rfc3339(T0) },
      "",
      signer,
      { signedAt: T0 },
    );
    const packet = decodeV1(a.signature, "signature");
    expect([...packet.subarray(0, 3)]).toEqual([0xc2, 0xc1, 0x52]); // tag 2, length 530
    const sig = parseSignaturePacket(packet);
    expect({ type: sig.sigType, algo: sig.pubKeyAlgo, hash: sig.hashAlgo, created: sig.created?.toISOString() }).toEqual({
      type: 0,
      algo: 1,
      hash: 10,
      created: T0.toISOString(),
    });
    expect(sig.signature.length).toBe(512);
    expect(sig.suffix.length).toBe(12 + 6);
    const again = signAssertion(
      "account",
      { "authority-id": AUTH, "account-id": PUB, "display-name": "A", validation: "unproven", timestamp: rfc3339(T0) },
      "",
      signer,
      { signedAt: T0 },
    );
    expect(again.encoded).toBe(a.encoded);
    expect(signatureTime(decodeAssertion(a.encoded))?.toISOString()).toBe(T0.toISOString());
  });
});

describe("signAssertion: layout", () => {
  it("orders headers like snapd: type, format, authority-id, revision, primary key, others sorted, body-length, sign-key", () => {
    const a = signAssertion(
      "snap-declaration",
      {
        zeta: "z",
        format: "1",
        "snap-id": SNAP,
        alpha: "a",
        series: "16",
        revision: "4",
        "authority-id": AUTH,
        timestamp: rfc3339(T0),
        "publisher-id": PUB,
        "snap-name": "n",
      },
      "body text\n",
      signer,
      { signedAt: T0 },
    );
    const names = a.content
      .toString()
      .split("\n\n")[0]
      .split("\n")
      .map((l) => l.split(":")[0]);
    expect(names).toEqual([
      "type",
      "format",
      "authority-id",
      "revision",
      "series",
      "snap-id",
      "alpha",
      "publisher-id",
      "snap-name",
      "timestamp",
      "zeta",
      "body-length",
      "sign-key-sha3-384",
    ]);
    expect(a.headers["body-length"]).toBe("10");
    expect(a.encoded).toBe(`${a.content.toString()}\n\n${a.signature}\n`);
    expect(a.content.toString().endsWith("\n\nbody text\n")).toBe(true);
  });

  it("leaves out format 0, revision 0, an empty body and the default provenance", () => {
    const a = snapRevisionAssertion(
      { authorityId: AUTH, sha3_384: "ab".repeat(48), snapId: SNAP, snapRevision: 1, snapSize: 4096, developerId: PUB, timestamp: T0 },
      signer,
    );
    const text = a.content.toString();
    expect(text).not.toMatch(/^(format|revision|body-length|provenance):/m);
    expect(text.split("\n").map((l) => l.split(":")[0])).toEqual([
      "type",
      "authority-id",
      "snap-sha3-384",
      "developer-id",
      "snap-id",
      "snap-revision",
      "snap-size",
      "timestamp",
      "sign-key-sha3-384",
    ]);
    expect(a.headers["snap-sha3-384"]).toBe(Buffer.from("ab".repeat(48), "hex").toString("base64url"));
  });

  it.each([
    ["a caller-set type", { type: "x" }, /"type" is set by the signer/],
    ["a caller-set sign key", { "sign-key-sha3-384": "x" }, /is set by the signer/],
    ["no authority", { "account-id": PUB }, /authority-id" header is mandatory/],
    ["a missing primary key", { "authority-id": AUTH }, /"account-id" header is mandatory/],
    ["a primary key with a slash", { "authority-id": AUTH, "account-id": "a/b" }, /cannot contain '\/'/],
    ["a bad format", { "authority-id": AUTH, "account-id": PUB, format: "01" }, /non-negative integer/],
    ["a format above snapd's", { "authority-id": AUTH, "account-id": PUB, format: "1" }, /higher than max supported format 0/],
    ["a non-string header", { "authority-id": AUTH, "account-id": PUB, n: 3 }, /n: must be a string/],
  ])("refuses %s", (_, headers, re) => {
    expect(() => signAssertion("account", headers as never, "", signer, { signedAt: T0 })).toThrow(re);
  });
});

describe("decodeAssertion / verifyAssertion", () => {
  it("decodes what it signs and verifies with the signing key only", () => {
    const a = snapDeclarationAssertion(
      {
        authorityId: AUTH,
        snapId: SNAP,
        snapName: "hello",
        publisherId: PUB,
        revision: 2,
        timestamp: T0,
        declaration: { plugs: { camera: { "allow-auto-connection": true } } },
      },
      signer,
    );
    const d = decodeAssertion(a.encoded);
    expect(d).toMatchObject({ type: "snap-declaration", format: 1, revision: 2, body: "", signKeyId: keyId(store) });
    expect(d.headers.plugs).toEqual({ camera: { "allow-auto-connection": "true" } });
    expect(d.content).toEqual(a.content);
    expect(verifyAssertion(d, store)).toEqual({ ok: true });
    expect(verifyAssertion(d, root)).toMatchObject({ ok: false, error: expect.stringContaining("signed by key") });
    const tampered = decodeAssertion(a.encoded.replace("snap-name: hello", "snap-name: hellx"));
    expect(verifyAssertion(tampered, store)).toEqual({ ok: false, error: "failed signature verification" });
  });

  it.each([
    ["no signature separator", "type: account", /separator not found/],
    ["a body-length mismatch", "type: account\nbody-length: 3\nsign-key-sha3-384: " + "A".repeat(64) + "\n\nab\n\nsig", /don't match: 2 != 3/],
    ["no type", "authority-id: x\nsign-key-sha3-384: " + "A".repeat(64) + "\n\nsig", /"type" header is mandatory/],
    ["no sign key", "type: account\n\nsig", /sign-key-sha3-384/],
    ["bad headers", "type account\n\nsig", /parsing assertion headers/],
  ])("refuses %s", (_, text, re) => {
    expect(() => decodeAssertion(text)).toThrow(re);
  });
});

describe("types", () => {
  it("account: timestamp in whole seconds, username optional", () => {
    const a = accountAssertion(
      { authorityId: AUTH, accountId: PUB, displayName: "Älice", validation: "starred", timestamp: new Date("2024-03-01T12:00:00.900Z") },
      signer,
    );
    expect(a.headers).toMatchObject({ timestamp: "2024-03-01T12:00:00Z", "display-name": "Älice", validation: "starred" });
    expect(a.headers.username).toBeUndefined();
    expect(signatureTime(decodeAssertion(a.encoded))?.toISOString()).toBe("2024-03-01T12:00:00.000Z");
  });

  it("account-key: the key's packet as body, its id as primary key, signed at since", () => {
    const a = accountKeyAssertion(
      { authorityId: AUTH, accountId: AUTH, key: store, name: "store", since: T0, until: new Date("2030-01-01T00:00:00Z") },
      signerOf(root),
    );
    expect(a.headers["public-key-sha3-384"]).toBe(keyId(store));
    expect(a.headers["sign-key-sha3-384"]).toBe(keyId(root));
    expect(a.headers.until).toBe("2030-01-01T00:00:00Z");
    expect(parsePublicKeyPacket(decodeV1(a.body, "public key")).key.export({ format: "jwk" })).toEqual(createPublicKey(store).export({ format: "jwk" }));
    expect(() => accountKeyAssertion({ authorityId: AUTH, accountId: AUTH, key: store, since: T0, until: new Date("2020-01-01T00:00:00Z") }, signer)).toThrow(
      /until/,
    );
    expect(() => accountKeyAssertion({ authorityId: AUTH, accountId: AUTH, key: store, name: "Bad Name", since: T0 }, signer)).toThrow(/name/);
  });

  it.each([
    [
      "an account id",
      () => accountAssertion({ authorityId: AUTH, accountId: "x", displayName: "A", validation: "unproven", timestamp: T0 }, signer),
      /account-id "x"/,
    ],
    [
      "an empty display name",
      () => accountAssertion({ authorityId: AUTH, accountId: PUB, displayName: " ", validation: "unproven", timestamp: T0 }, signer),
      /display-name must not be empty/,
    ],
    [
      "a snap id",
      () => snapDeclarationAssertion({ authorityId: AUTH, snapId: "short", snapName: "n", publisherId: PUB, revision: 0, timestamp: T0 }, signer),
      /snap-id "short"/,
    ],
    [
      "a negative revision",
      () => snapDeclarationAssertion({ authorityId: AUTH, snapId: SNAP, snapName: "n", publisherId: PUB, revision: -1, timestamp: T0 }, signer),
      /non-negative/,
    ],
    [
      "a bad digest",
      () => snapRevisionAssertion({ authorityId: AUTH, sha3_384: "abc", snapId: SNAP, snapRevision: 1, snapSize: 1, developerId: PUB, timestamp: T0 }, signer),
      /not a SHA3-384 digest/,
    ],
    [
      "revision 0",
      () =>
        snapRevisionAssertion(
          { authorityId: AUTH, sha3_384: "ab".repeat(48), snapId: SNAP, snapRevision: 0, snapSize: 1, developerId: PUB, timestamp: T0 },
          signer,
        ),
      /snap-revision must be >= 1/,
    ],
    [
      "a negative size",
      () =>
        snapRevisionAssertion(
          { authorityId: AUTH, sha3_384: "ab".repeat(48), snapId: SNAP, snapRevision: 1, snapSize: -1, developerId: PUB, timestamp: T0 },
          signer,
        ),
      /out of range/,
    ],
    [
      "a bad declaration",
      () =>
        snapDeclarationAssertion(
          {
            authorityId: AUTH,
            snapId: SNAP,
            snapName: "n",
            publisherId: PUB,
            revision: 1,
            timestamp: T0,
            declaration: { plugs: { camera: { "allow-connection": {} } } },
          },
          signer,
        ),
      /cannot be signed/,
    ],
  ])("refuses %s", (_, fn, re) => {
    expect(fn).toThrow(re);
  });

  it("snap-revision takes the base64url digest as well as hex, and sizes beyond 2^53", () => {
    const b64 = Buffer.from("cd".repeat(48), "hex").toString("base64url");
    const a = snapRevisionAssertion(
      { authorityId: AUTH, sha3_384: b64, snapId: SNAP, snapRevision: 7, snapSize: 2n ** 60n, developerId: PUB, timestamp: T0 },
      signer,
    );
    expect(a.headers).toMatchObject({ "snap-sha3-384": b64, "snap-size": "1152921504606846976", "snap-revision": "7" });
  });
});

describe("identity", () => {
  it("root account and root account-key self-signed, store key certified by root, trusted stream of two", () => {
    const id = buildIdentity({ authorityId: AUTH, displayName: "Test Store", rootKey: root, storeKey: store, since: new Date("2024-01-01T00:00:00.5Z") });
    expect(id.since.toISOString()).toBe("2024-01-01T00:00:00.000Z");
    expect(id.rootAccount.headers).toMatchObject({ "account-id": AUTH, "authority-id": AUTH, "sign-key-sha3-384": keyId(root), validation: "verified" });
    expect(id.rootAccountKey.headers).toMatchObject({ "public-key-sha3-384": keyId(root), "sign-key-sha3-384": keyId(root), name: "root" });
    expect(id.storeAccountKey.headers).toMatchObject({
      "public-key-sha3-384": keyId(store),
      "sign-key-sha3-384": keyId(root),
      name: "store",
      since: "2024-01-01T00:00:00Z",
    });
    expect(id.store.keyId).toBe(keyId(store));
    expect(trustedStream(id)).toBe(`${id.rootAccount.encoded}\n${id.rootAccountKey.encoded}`);
    expect(assertionTime(id, new Date("2023-01-01T00:00:00Z")).toISOString()).toBe("2024-01-01T00:00:00.000Z");
    expect(assertionTime(id, new Date("2025-01-01T00:00:00.7Z")).toISOString()).toBe("2025-01-01T00:00:00.000Z");
  });

  it("refuses an invalid authority id and one key for both roles", () => {
    expect(() => buildIdentity({ authorityId: "Bad_Id", displayName: "x", rootKey: root, storeKey: store, since: T0 })).toThrow(/authority id "Bad_Id"/);
    expect(() => buildIdentity({ authorityId: AUTH, displayName: "x", rootKey: root, storeKey: root, since: T0 })).toThrow(/must be different keys/);
  });
});

it("AssertionError is what callers catch", () => {
  expect(new AssertionError("x")).toBeInstanceOf(Error);
});
