// snapd's own client against GET /v2/assertions on a real database: the route handler behind a
// plain node:http server (no Next build needed), snapd 2.57's store client + asserts.Fetcher
// chasing snap-revision -> snap-declaration -> publisher account -> store account-key exactly as
// at install (test/snapd/go/src/snapstore/assertions `fetch`), CrossCheck and DeriveSideInfo on the
// uploaded .snap file, and Debian's `snap known --remote --direct` CLI.
import { execFile, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeAssertion } from "@/lib/assertions/assertion";
import { buildIdentity, trustedStream, type SigningIdentity } from "@/lib/assertions/identity";
import { fixtureKey } from "@/lib/assertions/testing";
import { issueSnapDeclaration } from "@/lib/server/assertions";
import { setBlobStoreForProcess } from "@/lib/storage";
import { useSigningIdentityForProcess } from "@/lib/server/signing";
import { startUpload } from "@/lib/server/uploads";
import type { Actor } from "@/lib/server/ownership";
import { createBlobStore } from "@/lib/storage";
import { createTestDb, type TestDb } from "@/test/support/db";
import { buildGoProgram, haveSnapdToolchain } from "@/test/support/go";
import { GET } from "@/app/v2/assertions/[[...path]]/route";
import { makeActor, registered } from "./publisher-helpers";

const STRICT = path.resolve(import.meta.dirname, "../fixtures/snaps/strict.snap");
const haveSnapCli = spawnSync("snap", ["version"], { encoding: "utf8" }).status === 0;
if (!haveSnapCli) console.warn("skipped: `snap known --remote --direct` needs Debian's snapd package (apt-get install snapd)");

interface Seen {
  path: string;
  headers: http.IncomingHttpHeaders;
}
interface FetchResult {
  name: string;
  ok: boolean;
  error?: string;
  headers?: { fetched: string[] | null };
  sideInfo?: { name: string; snapId: string; revision: number };
}

describe.skipIf(!haveSnapdToolchain("assertions through snapd's store client"))("snapd's store client fetches and verifies the store's assertions", () => {
  let t: TestDb;
  let dataDir: string;
  let id: SigningIdentity;
  let pub: Actor;
  let admin: Actor;
  let snap: { id: string; snapId: string; ownerId: string };
  let digest: string;
  let server: http.Server;
  let base: string;
  const seen: Seen[] = [];

  /** Runs the Go program without blocking the event loop (the route answers it from this process). */
  async function goFetch(input: object): Promise<{ snaps: FetchResult[]; declarations: FetchResult[]; accounts: FetchResult[] }> {
    const child = promisify(execFile)(buildGoProgram("assertions"), ["fetch"], { encoding: "utf8", timeout: 120_000, maxBuffer: 64 << 20 });
    child.child.stdin!.end(JSON.stringify(input));
    return JSON.parse((await child).stdout);
  }

  beforeAll(async () => {
    buildGoProgram("assertions");
    t = await createTestDb();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "snapstore-assertions-snapd-"));
    setBlobStoreForProcess(createBlobStore({ kind: "fs", dataDir }));
    const [rootKey, storeKey] = await Promise.all([fixtureKey("root"), fixtureKey("store")]);
    id = buildIdentity({ authorityId: "test-store", displayName: "Test Store", rootKey, storeKey, since: new Date("2016-01-01T00:00:00Z") });
    useSigningIdentityForProcess(id);
    pub = await makeActor(t.db, "publisher");
    admin = await makeActor(t.db, "admin");
    const s = await registered(t.db, pub, "hello-strict");
    snap = { id: s.id, snapId: s.snapId, ownerId: s.ownerId };
    const { process } = await startUpload(t.db, pub, "hello-strict", fs.createReadStream(STRICT));
    expect(await process()).toBe("ready_to_release");
    digest = createHash("sha3-384").update(fs.readFileSync(STRICT)).digest("base64url");

    server = http.createServer((req, res) => {
      void (async () => {
        const url = new URL(req.url ?? "/", "http://127.0.0.1");
        seen.push({ path: url.pathname + url.search, headers: req.headers });
        if (!url.pathname.startsWith("/v2/assertions")) {
          res.writeHead(404, { "Content-Type": "text/plain" }).end("not here");
          return;
        }
        const segments = url.pathname
          .replace(/^\/v2\/assertions\/?/, "")
          .split("/")
          .filter(Boolean)
          .map(decodeURIComponent);
        const r = await GET(new Request(url, { headers: req.headers as Record<string, string> }), { params: Promise.resolve({ path: segments }) });
        res.writeHead(r.status, Object.fromEntries(r.headers)).end(Buffer.from(await r.arrayBuffer()));
      })();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  }, 300_000);

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    useSigningIdentityForProcess(null);
    await t?.cleanup();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("install-time chase: snap-revision, snap-declaration, publisher account, store account-key; CrossCheck and DeriveSideInfo pass", async () => {
    seen.length = 0;
    const size = fs.statSync(STRICT).size;
    const out = await goFetch({
      baseUrl: base,
      trusted: trustedStream(id),
      snaps: [{ name: "strict", snapName: "hello-strict", snapId: snap.snapId, revision: 1, sha3_384: digest, size, snapFile: STRICT }],
      declarations: [],
      accounts: [],
    });
    expect(out.snaps[0]).toMatchObject({ ok: true, sideInfo: { name: "hello-strict", snapId: snap.snapId, revision: 1 } });
    expect(out.snaps[0].headers?.fetched).toEqual([
      `snap-revision (${digest};)`, // snapd's Ref.String() for a key with an omitted optional part
      `snap-declaration (${snap.snapId}; series:16)`,
      `account (${snap.ownerId})`,
      `account-key (${id.store.keyId})`,
    ]);
    // What snapd sent: the old X-Ubuntu-* headers, the assertion media type, max-format per type.
    const decl = seen.find((s) => s.path.startsWith("/v2/assertions/snap-declaration/16/"))!;
    expect(decl.path).toBe(`/v2/assertions/snap-declaration/16/${snap.snapId}?max-format=5`);
    expect(decl.headers).toMatchObject({ accept: "application/x.ubuntu.assertion", "x-ubuntu-series": "16" });
    expect(decl.headers["snap-device-series"]).toBeUndefined();
    expect(seen.find((s) => s.path.startsWith("/v2/assertions/snap-revision/"))!.path).toBe(`/v2/assertions/snap-revision/${digest}?max-format=0`);
  });

  it("a new declaration revision (a grant) is what snapd fetches next; a tampered size fails CrossCheck", async () => {
    await t.db.$transaction((tx) => issueSnapDeclaration(tx, snap.id, { plugs: { camera: { "allow-auto-connection": true } } }, admin.id));
    const out = await goFetch({
      baseUrl: base,
      trusted: trustedStream(id),
      snaps: [{ name: "wrong size", snapName: "hello-strict", snapId: snap.snapId, revision: 1, sha3_384: digest, size: 1 }],
      declarations: [snap.snapId],
      accounts: [snap.ownerId, "test-store"],
    });
    expect(out.snaps[0]).toMatchObject({ ok: false, error: expect.stringContaining("does not have expected size") });
    expect(out.declarations[0]).toMatchObject({ ok: true });
    // The root account is trusted: nothing to fetch. A publisher account chains to the store key.
    expect(out.accounts).toMatchObject([{ ok: true }, { ok: true, headers: { fetched: null } }]);
  });

  it("unknown assertions come back as snapd's not-found", async () => {
    const out = await goFetch({ baseUrl: base, trusted: trustedStream(id), snaps: [], declarations: ["Z".repeat(32)], accounts: ["N".repeat(32)] });
    expect(out.declarations[0]).toMatchObject({ ok: false, error: expect.stringMatching(/snap-declaration.*not found/) });
    expect(out.accounts[0]).toMatchObject({ ok: false, error: expect.stringMatching(/account.*not found/) });
  });

  it.skipIf(!haveSnapCli)("`snap known --remote --direct` prints the served declaration (Debian's snap CLI)", async () => {
    const run = promisify(execFile);
    const env = { ...process.env, SNAPPY_FORCE_API_URL: base, SNAP_REEXEC: "0", HOME: dataDir };
    const decl = await run("snap", ["known", "--remote", "--direct", "snap-declaration", "series=16", `snap-id=${snap.snapId}`], {
      env,
      encoding: "utf8",
      timeout: 60_000,
    });
    const a = decodeAssertion(decl.stdout);
    expect(a.headers).toMatchObject({
      type: "snap-declaration",
      "snap-id": snap.snapId,
      revision: "1",
      plugs: { camera: { "allow-auto-connection": "true" } },
    });
    const key = await run("snap", ["known", "--remote", "--direct", "account-key", `public-key-sha3-384=${id.store.keyId}`], {
      env,
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(key.stdout).toBe(id.storeAccountKey.encoded);
    const missing = await run("snap", ["known", "--remote", "--direct", "account", `account-id=${"N".repeat(32)}`], {
      env,
      encoding: "utf8",
      timeout: 60_000,
    }).catch((e: { stderr: string }) => e);
    expect((missing as { stderr: string }).stderr).toMatch(/not found/);
  });
});
