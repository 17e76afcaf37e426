// Conformance: every assertion type the store signs, checked by snapd 2.57's own asserts package
// (test/snapd/go/src/snapstore/assertions) in a database that trusts ONLY our root account and
// root account-key. snapd decodes the stream, checks every signature, the signing keys' validity
// against each timestamp, and the cross-references (a snap-declaration's publisher account, a
// snap-revision's declaration and developer); snapasserts.CrossCheck and DeriveSideInfo then
// match a real .snap file against its snap-revision. snapd's own signing code re-signs each
// assertion's headers and body: the signed bytes must be identical to ours. Tampered copies must
// fail.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { signAssertion, signerOf, type Assertion } from "@/lib/assertions/assertion";
import { declarationHeaders } from "@/lib/assertions/declaration";
import { buildIdentity, trustedStream, type SigningIdentity } from "@/lib/assertions/identity";
import { fixtureKey, fixtureKeyPath } from "@/lib/assertions/testing";
import { accountAssertion, accountKeyAssertion, snapDeclarationAssertion, snapRevisionAssertion } from "@/lib/assertions/types";
import type { DeclarationInput } from "@/lib/assertions/declaration";
import { buildGoProgram, haveSnapdToolchain, runGoProgram } from "@/test/support/go";

interface GoResult {
  name: string;
  ok: boolean;
  stage?: string;
  error?: string;
  type?: string;
  format: number;
  suggestedFormat: number;
  revision: number;
  headers?: Record<string, unknown>;
  resigned?: string;
  sideInfo?: { name: string; snapId: string; revision: number };
}
interface VerifyOutput {
  stream: GoResult[];
  items: GoResult[];
  crossChecks: GoResult[];
}

const AUTHORITY = "test-store";
const ALICE = "AliceAliceAliceAliceAliceAlice12"; // publisher ids are 32 alphanumerics
const BOB = "BobBobBobBobBobBobBobBobBobBob34";
const SNAP_A = "SnapAaaaaaaaaaaaaaaaaaaaaaaaaaaA";
const SNAP_B = "SnapBbbbbbbbbbbbbbbbbbbbbbbbbbbB";
const SNAP_STRICT = "SnapStrictStrictStrictStrictStr1";
const SNAP_NO_ACCOUNT = "SnapOrphanOrphanOrphanOrphanOrp1";
const STRICT_FILE = path.resolve(import.meta.dirname, "../fixtures/snaps/strict.snap");
const SINCE = new Date("2024-01-01T00:00:00Z");
const T = (iso: string) => new Date(iso);

/** The declarations under test: every rule shape the store may sign, in issue order per snap. */
const DECLARATIONS: { snapId: string; name: string; publisher: string; decl?: DeclarationInput; expectFormat: number }[] = [
  { snapId: SNAP_A, name: "hello-a", publisher: ALICE, expectFormat: 0 },
  { snapId: SNAP_A, name: "hello-a", publisher: ALICE, decl: { plugs: { camera: { "allow-auto-connection": true } } }, expectFormat: 1 },
  {
    snapId: SNAP_A,
    name: "hello-a",
    publisher: ALICE,
    decl: {
      plugs: {
        camera: { "allow-auto-connection": true },
        "snapd-control": { "allow-installation": true, "allow-connection": { "slot-snap-type": ["core"], "on-classic": false } },
        "personal-files": { "allow-installation": { "plug-attributes": { read: "\\$HOME/\\.config/hello(/.*)?" } } },
      },
    },
    expectFormat: 1,
  },
  {
    // revoked grants: explicit false, both as a subrule and as the whole rule
    snapId: SNAP_A,
    name: "hello-a",
    publisher: ALICE,
    decl: { plugs: { camera: { "allow-auto-connection": false }, "snapd-control": false, "personal-files": { "allow-installation": "false" } } },
    expectFormat: 1,
  },
  {
    snapId: SNAP_B,
    name: "hello-b",
    publisher: BOB,
    decl: {
      slots: {
        content: {
          "allow-auto-connection": { "plug-snap-id": [SNAP_A, SNAP_STRICT], "plug-publisher-id": ["$SLOT_PUBLISHER_ID", ALICE] },
          "deny-connection": [{ "plug-snap-type": ["gadget"] }, { "plug-snap-type": ["kernel"], "on-classic": true }],
        },
      },
    },
    expectFormat: 1,
  },
  {
    snapId: SNAP_B,
    name: "hello-b",
    publisher: BOB,
    decl: { slots: { content: { "allow-connection": { "plug-attributes": { content: "$SLOT(content)" }, "slot-attributes": { write: "$MISSING" } } } } },
    expectFormat: 2,
  },
  {
    snapId: SNAP_B,
    name: "hello-b",
    publisher: BOB,
    decl: { plugs: { "network-control": { "allow-auto-connection": { "plug-names": ["$INTERFACE", "net-[a-z]+"] } } } },
    expectFormat: 4,
  },
  {
    snapId: SNAP_B,
    name: "hello-b",
    publisher: BOB,
    decl: {
      plugs: {
        "browser-support": { "allow-auto-connection": { "plug-attributes": { "allow-sandbox": ["false", { nested: "x|y" }] } } },
        "system-files": { "allow-installation": { "plug-attributes": { read: ["/etc/hello", "/var/lib/hello/.*"], write: 3 } } },
      },
    },
    expectFormat: 5,
  },
  { snapId: SNAP_STRICT, name: "hello-strict", publisher: ALICE, decl: { plugs: { network: true } }, expectFormat: 1 },
];

describe.skipIf(!haveSnapdToolchain("assertions conformance"))("snapd 2.57 accepts every assertion the store signs", () => {
  let id: SigningIdentity;
  let rootPath: string;
  let storePath: string;
  let accounts: Assertion[];
  let declarations: Assertion[];
  let revisions: Assertion[];
  let strict: { sha3: string; size: number };
  let out: VerifyOutput;
  let rogue: Awaited<ReturnType<typeof fixtureKey>>;

  const verify = (input: object): VerifyOutput => JSON.parse(runGoProgram("assertions", ["verify"], JSON.stringify(input)));

  beforeAll(async () => {
    buildGoProgram("assertions");
    const [rootKey, storeKey] = await Promise.all([fixtureKey("root"), fixtureKey("store")]);
    rogue = await fixtureKey("rogue");
    [rootPath, storePath] = await Promise.all([fixtureKeyPath("root"), fixtureKeyPath("store")]);
    id = buildIdentity({ authorityId: AUTHORITY, displayName: "Test Store", rootKey, storeKey, since: SINCE });

    accounts = [
      accountAssertion(
        {
          authorityId: AUTHORITY,
          accountId: ALICE,
          username: "alice",
          displayName: "Alice Ünïcode",
          validation: "verified",
          timestamp: T("2024-02-01T10:00:00.999Z"),
        },
        id.store,
      ),
      accountAssertion(
        {
          authorityId: AUTHORITY,
          accountId: BOB,
          username: "bob",
          displayName: "Bob",
          validation: "unproven",
          timestamp: T("2024-02-02T10:00:00Z"),
          revision: 3,
        },
        id.store,
      ),
    ];
    const revs = new Map<string, number>();
    declarations = DECLARATIONS.map((d, i) => {
      const revision = revs.get(d.snapId) ?? 0;
      revs.set(d.snapId, revision + 1);
      return snapDeclarationAssertion(
        {
          authorityId: AUTHORITY,
          snapId: d.snapId,
          snapName: d.name,
          publisherId: d.publisher,
          revision,
          timestamp: new Date(Date.UTC(2024, 2, 1 + i)),
          declaration: d.decl,
        },
        id.store,
      );
    });
    const bytes = fs.readFileSync(STRICT_FILE);
    strict = { sha3: createHash("sha3-384").update(bytes).digest("hex"), size: bytes.length };
    revisions = [
      snapRevisionAssertion(
        {
          authorityId: AUTHORITY,
          sha3_384: strict.sha3,
          snapId: SNAP_STRICT,
          snapRevision: 1,
          snapSize: strict.size,
          developerId: ALICE,
          timestamp: T("2024-04-01T00:00:00Z"),
        },
        id.store,
      ),
      snapRevisionAssertion(
        {
          authorityId: AUTHORITY,
          sha3_384: "ab".repeat(48),
          snapId: SNAP_A,
          snapRevision: 42,
          snapSize: 5n * 2n ** 30n,
          developerId: BOB,
          timestamp: T("2024-04-02T00:00:00Z"),
        },
        id.store,
      ),
    ];
    const stream = [id.storeAccountKey, ...accounts, ...declarations, ...revisions].map((a) => a.encoded).join("\n");
    out = verify({
      trusted: trustedStream(id),
      stream,
      resign: { [id.rootKeyId]: rootPath, [id.store.keyId]: storePath },
      items: [],
      crossChecks: [
        {
          name: "strict file",
          snapName: "hello-strict",
          snapId: SNAP_STRICT,
          revision: 1,
          sha3_384: revisions[0].headers["snap-sha3-384"],
          size: strict.size,
          snapFile: STRICT_FILE,
        },
        { name: "big revision", snapName: "hello-a", snapId: SNAP_A, revision: 42, sha3_384: revisions[1].headers["snap-sha3-384"], size: 5 * 2 ** 30 },
        {
          name: "wrong size",
          snapName: "hello-strict",
          snapId: SNAP_STRICT,
          revision: 1,
          sha3_384: revisions[0].headers["snap-sha3-384"],
          size: strict.size + 1,
        },
        {
          name: "wrong revision",
          snapName: "hello-strict",
          snapId: SNAP_STRICT,
          revision: 2,
          sha3_384: revisions[0].headers["snap-sha3-384"],
          size: strict.size,
        },
        { name: "wrong name", snapName: "hello-a", snapId: SNAP_STRICT, revision: 1, sha3_384: revisions[0].headers["snap-sha3-384"], size: strict.size },
      ],
    });
  }, 300_000);

  it("adds the store key, the publisher accounts, every declaration and every snap-revision", () => {
    const failed = out.stream.filter((r) => !r.ok);
    expect(failed).toEqual([]);
    expect(out.stream.map((r) => r.type)).toEqual([
      "account-key",
      "account",
      "account",
      ...DECLARATIONS.map(() => "snap-declaration"),
      "snap-revision",
      "snap-revision",
    ]);
  });

  it("snapd's own signing code produces the same signed bytes for the same headers and body", () => {
    for (const r of out.stream) expect({ name: r.name, resigned: r.resigned }).toEqual({ name: r.name, resigned: "identical" });
  });

  it("declarations carry the format snapd computes for their rules, and the rules snapd reads are ours", () => {
    const decls = out.stream.filter((r) => r.type === "snap-declaration");
    decls.forEach((r, i) => {
      const want = DECLARATIONS[i];
      expect({ i, format: r.format, suggested: r.suggestedFormat }).toEqual({ i, format: want.expectFormat, suggested: want.expectFormat });
      const { plugs, slots } = declarationHeaders(want.decl);
      expect(r.headers?.plugs).toEqual(plugs);
      expect(r.headers?.slots).toEqual(slots);
      expect(r.headers?.["publisher-id"]).toBe(want.publisher);
      expect(r.headers?.["snap-name"]).toBe(want.name);
    });
    expect(decls.filter((r) => r.headers?.["snap-id"] === SNAP_A).map((r) => r.revision)).toEqual([0, 1, 2, 3]);
  });

  it("snap-revisions read back with the file's digest, size, revision and developer", () => {
    const [strictRev, big] = out.stream.filter((r) => r.type === "snap-revision");
    expect(strictRev.headers).toMatchObject({
      "snap-sha3-384": Buffer.from(strict.sha3, "hex").toString("base64url"),
      "snap-size": String(strict.size),
      "snap-revision": "1",
      "developer-id": ALICE,
      provenance: "global-upload",
    });
    expect(big.headers?.["snap-size"]).toBe("5368709120");
  });

  it("CrossCheck and DeriveSideInfo match the real .snap file; wrong size, revision or name are refused", () => {
    const by = Object.fromEntries(out.crossChecks.map((r) => [r.name, r]));
    expect(by["strict file"]).toMatchObject({ ok: true, sideInfo: { name: "hello-strict", snapId: SNAP_STRICT, revision: 1 } });
    expect(by["big revision"].ok).toBe(true);
    expect(by["wrong size"]).toMatchObject({ ok: false, error: expect.stringContaining("does not have expected size") });
    expect(by["wrong revision"]).toMatchObject({ ok: false, error: expect.stringContaining("does not have expected ID or revision") });
    expect(by["wrong name"]).toMatchObject({ ok: false, error: expect.stringContaining("undergoing a rename") });
  });

  it("refuses tampered and mis-signed assertions", () => {
    const decl = declarations[2].encoded;
    const flipSignatureBit = (enc: string) => {
      const i = enc.lastIndexOf("\n\n") + 2 + 40; // inside the RSA signature, past the packet header
      const c = enc[i];
      return enc.slice(0, i) + (c === "A" ? "B" : "A") + enc.slice(i + 1);
    };
    const ak = id.storeAccountKey.encoded;
    const bodyStart = ak.indexOf("\n\n") + 2 + 100;
    const rogueSigner = signerOf(rogue);
    const impostor = { privateKey: rogue, keyId: id.store.keyId }; // claims the store key, signs with another
    const declHeaders = {
      format: "1",
      "authority-id": AUTHORITY,
      revision: "9",
      series: "16",
      "snap-id": SNAP_A,
      "publisher-id": ALICE,
      "snap-name": "hello-a",
      timestamp: "2024-05-01T00:00:00Z",
      plugs: { camera: { "allow-auto-connection": "true" } },
    };
    const items = [
      { name: "header changed", text: decl.replace("snap-name: hello-a", "snap-name: hello-x") },
      { name: "rule changed", text: decl.replace("allow-installation: true", "allow-installation: false") },
      { name: "body changed", text: ak.slice(0, bodyStart) + (ak[bodyStart] === "A" ? "B" : "A") + ak.slice(bodyStart + 1) },
      { name: "body-length changed", text: ak.replace(/body-length: (\d+)/, (_, n) => `body-length: ${Number(n) + 1}`) },
      { name: "signature bit flipped", text: flipSignatureBit(decl) },
      { name: "signed by an unknown key", text: signAssertion("snap-declaration", declHeaders, "", rogueSigner, { signedAt: SINCE }).encoded },
      { name: "signed by another key claiming the store key", text: signAssertion("snap-declaration", declHeaders, "", impostor, { signedAt: SINCE }).encoded },
      {
        name: "timestamp before the key's validity",
        text: snapDeclarationAssertion(
          { authorityId: AUTHORITY, snapId: SNAP_A, snapName: "hello-a", publisherId: ALICE, revision: 10, timestamp: T("2023-12-31T23:59:59Z") },
          id.store,
        ).encoded,
      },
      {
        name: "publisher without an account",
        text: snapDeclarationAssertion(
          {
            authorityId: AUTHORITY,
            snapId: SNAP_NO_ACCOUNT,
            snapName: "orphan",
            publisherId: "NobodyNobodyNobodyNobodyNobody12",
            revision: 0,
            timestamp: SINCE,
          },
          id.store,
        ).encoded,
      },
      {
        name: "revision without a declaration",
        text: snapRevisionAssertion(
          { authorityId: AUTHORITY, sha3_384: "cd".repeat(48), snapId: SNAP_NO_ACCOUNT, snapRevision: 1, snapSize: 1, developerId: ALICE, timestamp: SINCE },
          id.store,
        ).encoded,
      },
      {
        name: "store key certified by a key the device does not trust",
        text: accountKeyAssertion({ authorityId: AUTHORITY, accountId: AUTHORITY, key: rogue, name: "other", since: SINCE }, rogueSigner).encoded,
      },
      { name: "untouched copy (control)", text: decl },
    ];
    const res = verify({
      trusted: trustedStream(id),
      stream: [id.storeAccountKey, ...accounts, ...declarations.slice(0, 3)].map((a) => a.encoded).join("\n"),
      items,
    });
    expect(res.stream.every((r) => r.ok)).toBe(true);
    const by = Object.fromEntries(res.items.map((r) => [r.name, r]));
    const expectFail = (name: string, stage: string, msg: string) =>
      expect(by[name], name).toMatchObject({ ok: false, stage, error: expect.stringContaining(msg) });
    expectFail("header changed", "check", "failed signature verification");
    expectFail("rule changed", "check", "failed signature verification");
    expectFail("body changed", "decode", "public key does not match provided key id");
    expectFail("body-length changed", "decode", "");
    expectFail("signature bit flipped", "check", "failed signature verification");
    expectFail("signed by an unknown key", "check", "no matching public key");
    expectFail("signed by another key claiming the store key", "check", "failed signature verification");
    expectFail("timestamp before the key's validity", "check", "outside of signing key validity");
    expectFail("publisher without an account", "check", "does not have a matching account assertion");
    expectFail("revision without a declaration", "check", "does not have a matching snap-declaration");
    expectFail("store key certified by a key the device does not trust", "check", "no matching public key");
    expect(by["untouched copy (control)"]).toMatchObject({ ok: true });
  });

  it("a device that trusts another root refuses the whole chain", async () => {
    const other = buildIdentity({ authorityId: AUTHORITY, displayName: "Other", rootKey: rogue, storeKey: await fixtureKey("store"), since: SINCE });
    const res = verify({ trusted: trustedStream(other), stream: [id.storeAccountKey, accounts[0]].map((a) => a.encoded).join("\n"), items: [] });
    expect(res.stream[0]).toMatchObject({ ok: false, error: expect.stringContaining("no matching public key") });
  });

  it("our decoder and verifier accept snapd's built-in Canonical root assertions (signed by other software)", async () => {
    const { decodeAssertion, verifyAssertion } = await import("@/lib/assertions/assertion");
    const { decodeV1, parsePublicKeyPacket } = await import("@/lib/assertions/openpgp");
    const [account, accountKey] = (JSON.parse(runGoProgram("assertions", ["canonical"])) as string[]).map((t) => decodeAssertion(t));
    expect(accountKey.type).toBe("account-key");
    const { key } = parsePublicKeyPacket(decodeV1(accountKey.body, "public key"));
    expect(verifyAssertion(accountKey, key)).toEqual({ ok: true });
    expect(verifyAssertion(account, key)).toEqual({ ok: true });
    const tampered = decodeAssertion(account.content.toString().replace("Canonical", "Canonica1") + "\n\n" + account.signature);
    expect(verifyAssertion(tampered, key)).toEqual({ ok: false, error: "failed signature verification" });
  });
});
