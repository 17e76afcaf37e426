// The store API snapd speaks, on a real database (SQLite, or PostgreSQL with SNAPSTORE_TEST_PG)
// with real .snap files uploaded, processed and released by the services; the route handlers are
// called with plain Requests. Field types and wire details are what snapd 2.57 requires
// (../shared/docs/snapd-client.md); test/server/store-api-snapd.test.ts asks snapd's own code.
import { createHash } from "node:crypto";
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/test/support/db";
import { GET as findGET } from "@/app/v2/snaps/find/route";
import { GET as infoGET } from "@/app/v2/snaps/info/[name]/route";
import { POST as refreshPOST } from "@/app/v2/snaps/refresh/route";
import { GET as downloadGET } from "@/app/v2/snaps/download/[file]/route";
import { GET as categoriesGET } from "@/app/v2/snaps/categories/route";
import { GET as sectionsGET } from "@/app/api/v1/snaps/sections/route";
import { GET as namesGET } from "@/app/api/v1/snaps/names/route";
import { publicBaseUrl, parseRange } from "@/lib/server/store-api";
import { buildStoreCatalogue, fixture, type StoreCatalogue } from "./store-api-fixtures";

const BASE = "http://store.test:7000";
const SNAPD = { "Snap-Device-Series": "16", "Snap-Device-Architecture": "amd64", "Snap-Classic": "true" };

let t: TestDb;
let cat: StoreCatalogue;

beforeAll(async () => {
  t = await createTestDb();
  cat = await buildStoreCatalogue(t.db);
}, 120_000);
afterAll(async () => {
  cat?.cleanup();
  await t?.cleanup();
});

const get = (path: string, headers: Record<string, string> = SNAPD) => new Request(`${BASE}${path}`, { headers });
async function json(res: Response | Promise<Response>) {
  const r = await res;
  return { status: r.status, type: r.headers.get("content-type"), body: (await r.json()) as Record<string, unknown> & { results?: Record<string, unknown>[] } };
}
const find = (qs: string, headers?: Record<string, string>) => json(findGET(get(`/v2/snaps/find?${qs}`, headers)));
const names = (body: { results?: Record<string, unknown>[] }) => (body.results ?? []).map((r) => r.name).sort();
const info = (name: string, qs = "architecture=amd64") => json(infoGET(get(`/v2/snaps/info/${name}?${qs}`), { params: Promise.resolve({ name }) }));
const refresh = (body: unknown, headers: Record<string, string> = SNAPD) =>
  json(
    refreshPOST(
      new Request(`${BASE}/v2/snaps/refresh`, { method: "POST", headers: { ...headers, "Content-Type": "application/json" }, body: JSON.stringify(body) }),
    ),
  );
const download = (file: string, headers: Record<string, string> = {}) =>
  downloadGET(get(`/v2/snaps/download/${file}`, headers), { params: Promise.resolve({ file }) });

describe("GET /v2/snaps/find", () => {
  it("answers exactly application/json with snapd's shape", async () => {
    const r = await find("q=greeter&fields=title,summary,download,version,confinement,publisher");
    expect(r.status).toBe(200);
    expect(r.type).toBe("application/json");
    expect(names(r.body)).toEqual(["hello-classic", "hello-strict"]);
    const strict = r.body.results!.find((x) => x.name === "hello-strict")!;
    expect(strict).toMatchObject({
      "snap-id": cat.snaps.strict.snapId,
      snap: {
        name: "hello-strict",
        "snap-id": cat.snaps.strict.snapId,
        title: "Hello Strict",
        publisher: { id: cat.snaps.strict.ownerId, validation: "unproven" },
      },
      revision: { revision: 1, channel: "stable", confinement: "strict", version: "1.0", download: { size: fs.statSync(fixture("strict.snap")).size } },
    });
    // fields= limits the objects (name and snap-id always stay).
    expect(Object.keys(strict.snap as object).sort()).toEqual(["name", "publisher", "snap-id", "summary", "title"]);
  });

  it("never returns a devmode snap: not by name, words, confinement, category or channel", async () => {
    for (const qs of [
      "q=hello-devmode",
      "q=devmode",
      "q=greeter",
      "name=hello-devmode",
      "name=hello-*",
      "q=greeter&confinement=devmode",
      "q=greeter&confinement=strict,classic,devmode",
      "category=utilities",
      "q=greeter&channel=beta",
      "q=greeter&channel=edge",
      "q=hello",
      "",
    ]) {
      const r = await find(qs);
      expect(r.status, qs).toBe(200);
      expect(names(r.body), qs).not.toContain("hello-devmode");
    }
    expect(names((await find("q=greeter&confinement=devmode")).body)).toEqual([]);
  });

  it("filters: confinement, category, name prefix and exact name, architecture, channel; private snaps never", async () => {
    expect(names((await find("q=greeter&confinement=strict")).body)).toEqual(["hello-strict"]);
    expect(names((await find("q=greeter&confinement=classic")).body)).toEqual(["hello-classic"]);
    expect(names((await find("category=development")).body)).toEqual(["hello-classic"]);
    expect(names((await find("name=hello-*")).body)).toEqual(["hello-classic", "hello-strict"]);
    expect(names((await find("name=hello-s")).body)).toEqual(["hello-strict"]);
    expect(names((await find("name=hello")).body)).toEqual(["hello-classic", "hello-strict"]);
    expect(names((await find("name=hello-camera")).body)).toEqual([]);
    // hello-strict is amd64 only; hello-classic is for all architectures.
    expect(names((await find("q=greeter&architecture=arm64")).body)).toEqual(["hello-classic"]);
    // candidate is closed: a device on it gets stable. No snap is on a 2.0 track.
    const cand = await find("name=hello-strict&channel=candidate");
    expect(cand.body.results![0].revision).toMatchObject({ revision: 1, channel: "stable" });
    expect(names((await find("q=greeter&channel=2.0/stable")).body)).toEqual([]);
  });

  it("requires Snap-Device-Series (400 error-list); bad parameters are 400", async () => {
    const r = await find("q=hello", { "Snap-Device-Architecture": "amd64" });
    expect(r).toMatchObject({ status: 400, type: "application/json", body: { "error-list": [{ code: "missing-device-header" }] } });
    expect((await find("q=x&confinement=jail")).body).toMatchObject({ "error-list": [{ code: "invalid-field" }] });
    expect((await find("q=x&channel=latest/nope")).body).toMatchObject({ "error-list": [{ code: "invalid-channel" }] });
  });
});

describe("GET /v2/snaps/info/{name}", () => {
  it("the snap and its channel map: stable first, absolute download URL, size, sha3-384 hex", async () => {
    const r = await info("hello-strict");
    expect(r.status).toBe(200);
    expect(r.type).toBe("application/json");
    const bytes = fs.readFileSync(fixture("strict.snap"));
    const sha = createHash("sha3-384").update(bytes).digest("hex");
    const map = r.body["channel-map"] as { channel: Record<string, unknown>; download: Record<string, unknown>; revision: number; epoch: unknown }[];
    expect(map.map((e) => e.channel.name)).toEqual(["stable", "beta"]);
    expect(map[0]).toMatchObject({
      revision: 1,
      epoch: { read: [0], write: [0] },
      type: "app",
      channel: { architecture: "amd64", track: "latest", risk: "stable" },
      download: { "sha3-384": sha, size: bytes.length, url: `${BASE}/v2/snaps/download/${cat.snaps.strict.snapId}_1.snap` },
    });
    expect(new Date(map[0].channel["released-at"] as string).toISOString()).toBe(map[0].channel["released-at"]);
    expect(r.body).toMatchObject({
      name: "hello-strict",
      "snap-id": cat.snaps.strict.snapId,
      snap: { name: "hello-strict", "snap-id": cat.snaps.strict.snapId },
    });
  });

  it("a devmode snap is reachable by its exact name; an 'all' snap shows under the asked architecture", async () => {
    const dev = await info("hello-devmode");
    expect((dev.body["channel-map"] as { channel: { name: string }; confinement: string }[]).map((e) => [e.channel.name, e.confinement])).toEqual([
      ["beta", "devmode"],
      ["edge", "devmode"],
    ]);
    const classic = await info("hello-classic", "architecture=riscv64");
    expect((classic.body["channel-map"] as { channel: { architecture: string } }[])[0].channel.architecture).toBe("riscv64");
  });

  it("404 name-not-found for unknown, private, and nothing released for the architecture", async () => {
    for (const [name, qs] of [
      ["no-such-snap", "architecture=amd64"],
      ["hello-camera", "architecture=amd64"],
      ["hello-strict", "architecture=arm64"],
      ["Bad_Name", ""],
    ]) {
      const r = await info(name, qs);
      expect(r, name).toMatchObject({ status: 404, type: "application/json", body: { "error-list": [{ code: "name-not-found" }] } });
    }
  });
});

describe("POST /v2/snaps/refresh", () => {
  const installAction = (name: string, channel?: string, key = "install-1") => ({ action: "install", "instance-key": key, name, channel, epoch: null });

  it("install resolves channel -> revision, echoes the instance key, carries download and snap-yaml", async () => {
    const r = await refresh({
      context: [],
      actions: [installAction("hello-strict", "stable")],
      fields: ["download", "revision", "version", "snap-yaml", "confinement"],
    });
    expect(r.status).toBe(200);
    expect(r.type).toBe("application/json");
    expect(r.body.results).toEqual([
      expect.objectContaining({
        result: "install",
        "instance-key": "install-1",
        "snap-id": cat.snaps.strict.snapId,
        name: "hello-strict",
        "effective-channel": "latest/stable",
      }),
    ]);
    const snap = r.body.results![0].snap as Record<string, unknown>;
    expect(snap).toMatchObject({ revision: 1, confinement: "strict", download: { url: `${BASE}/v2/snaps/download/${cat.snaps.strict.snapId}_1.snap` } });
    expect(snap["snap-yaml"]).toMatch(/^name: hello-strict/m);
  });

  it("a closed channel follows the next more stable; download actions; classic", async () => {
    const r = await refresh({
      actions: [
        installAction("hello-strict", "candidate", "a"),
        installAction("hello-strict", "edge", "b"),
        { action: "download", "instance-key": "download-1", name: "hello-classic", channel: "stable" },
        installAction("hello-devmode", "beta", "c"),
      ],
    });
    const byKey = Object.fromEntries(r.body.results!.map((x) => [x["instance-key"], x]));
    expect(byKey.a).toMatchObject({ result: "install", snap: { revision: 1 }, "effective-channel": "latest/candidate" });
    expect(byKey.b).toMatchObject({ result: "install", snap: { revision: 1 } });
    expect(byKey["download-1"]).toMatchObject({ result: "download", name: "hello-classic", snap: { confinement: "classic" } });
    expect(byKey.c).toMatchObject({ result: "install", snap: { confinement: "devmode" } });
  });

  it("revision-not-found lists the channels that exist; unknown names and ids are not found", async () => {
    const r = await refresh({
      context: [{ "snap-id": "Z".repeat(32), "instance-key": "Z".repeat(32), revision: 1, "tracking-channel": "stable" }],
      actions: [
        installAction("hello-devmode", "stable", "i-1"),
        installAction("no-such-snap", "stable", "i-2"),
        installAction("hello-camera", "stable", "i-3"),
        { action: "refresh", "instance-key": "Z".repeat(32), "snap-id": "Z".repeat(32) },
      ],
    });
    const byKey = Object.fromEntries(r.body.results!.map((x) => [x["instance-key"], x]));
    expect(byKey["i-1"]).toMatchObject({
      result: "error",
      name: "hello-devmode",
      error: {
        code: "revision-not-found",
        extra: {
          releases: [
            { architecture: "all", channel: "latest/beta" },
            { architecture: "all", channel: "latest/edge" },
          ],
        },
      },
    });
    expect(byKey["i-2"]).toMatchObject({ result: "error", name: "no-such-snap", error: { code: "name-not-found" } });
    expect(byKey["i-3"]).toMatchObject({ result: "error", error: { code: "name-not-found" } });
    expect(byKey["Z".repeat(32)]).toMatchObject({ result: "error", error: { code: "id-not-found" } });
  });

  it("refresh: no result when the device has the revision, a result when it is older or the channel changed", async () => {
    const ctx = (rev: number, channel = "latest/stable") => [
      {
        "snap-id": cat.snaps.strict.snapId,
        "instance-key": cat.snaps.strict.snapId,
        revision: rev,
        "tracking-channel": channel,
        epoch: { read: [0], write: [0] },
      },
    ];
    const act = { action: "refresh", "instance-key": cat.snaps.strict.snapId, "snap-id": cat.snaps.strict.snapId };
    expect((await refresh({ context: ctx(1), actions: [act] })).body.results).toEqual([]);
    const older = await refresh({ context: ctx(0), actions: [act] });
    expect(older.body.results).toEqual([
      expect.objectContaining({ result: "refresh", "instance-key": cat.snaps.strict.snapId, snap: expect.objectContaining({ revision: 1 }) }),
    ]);
    // Tracking a track that does not exist: revision-not-found, with the channels there are.
    const gone = await refresh({ context: ctx(1, "2.0/stable"), actions: [act] });
    expect(gone.body.results![0]).toMatchObject({ result: "error", error: { code: "revision-not-found" } });
  });

  it("an architecture without a release is revision-not-found; headers and body are checked", async () => {
    const arm = await refresh({ actions: [installAction("hello-strict", "stable")] }, { ...SNAPD, "Snap-Device-Architecture": "arm64" });
    expect(arm.body.results![0]).toMatchObject({ result: "error", error: { code: "revision-not-found", extra: { releases: expect.any(Array) } } });
    expect(await refresh({ actions: [] }, { "Snap-Device-Series": "16" })).toMatchObject({
      status: 400,
      body: { "error-list": [{ code: "missing-device-header" }] },
    });
    expect(await refresh({ actions: "nope" })).toMatchObject({ status: 400, body: { "error-list": [{ code: "invalid-field" }] } });
  });
});

describe("POST /v2/snaps/refresh: fetch-assertions", () => {
  const decl = (snapId: string, ifNewerThan?: number) => ({
    type: "snap-declaration",
    "primary-key": ["16", snapId],
    ...(ifNewerThan !== undefined ? { "if-newer-than": ifNewerThan } : {}),
  });
  const fetchAction = (key: string, assertions: unknown[]) => ({ action: "fetch-assertions", key, assertions });

  it("answers each grouping with stream URLs of this store's assertions, beside the snap results", async () => {
    const r = await refresh({
      context: [],
      actions: [{ action: "install", "instance-key": "install-1", name: "hello-strict" }, fetchAction("g1", [decl(cat.snaps.strict.snapId)])],
      "assertion-max-formats": { "snap-declaration": 5 },
    });
    expect(r.status).toBe(200);
    const results = r.body.results!;
    expect(results.map((x) => x.result)).toEqual(["install", "fetch-assertions"]);
    const g1 = results[1] as { key: string; "assertion-stream-urls": string[]; "error-list": unknown[] };
    expect(g1.key).toBe("g1");
    expect(g1["error-list"]).toEqual([]);
    expect(g1["assertion-stream-urls"]).toEqual([`${BASE}/v2/assertions/snap-declaration/16/${cat.snaps.strict.snapId}?max-format=5`]);
    // The URL serves the assertion (what snapd reads as a stream).
    const { GET } = await import("@/app/v2/assertions/[[...path]]/route");
    const url = new URL(g1["assertion-stream-urls"][0]);
    const res = await GET(new Request(url), { params: Promise.resolve({ path: url.pathname.split("/").slice(3) }) });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text.startsWith("type: snap-declaration\n")).toBe(true);
    expect(text).toContain(`\nsnap-id: ${cat.snaps.strict.snapId}\n`);
    // The device has this revision already: nothing to fetch, and no error.
    const rev = Number(/^revision: (\d+)$/m.exec(text.split("\n\n")[0])?.[1] ?? 0);
    const again = await refresh({ actions: [fetchAction("g2", [decl(cat.snaps.strict.snapId, rev)])] });
    expect(again.body.results).toEqual([{ result: "fetch-assertions", key: "g2", "assertion-stream-urls": [], "error-list": [] }]);
  });

  it("reports what it does not have in the grouping's error-list, as snapd reads it", async () => {
    const r = await refresh({
      actions: [fetchAction("g1", [decl("x".repeat(32)), { type: "validation-set", "sequence-key": ["16", "acct", "set"], "if-sequence-newer-than": 2 }])],
    });
    expect(r.status).toBe(200);
    const [g] = r.body.results as { key: string; "assertion-stream-urls": string[]; "error-list": Record<string, unknown>[] }[];
    expect(g["assertion-stream-urls"]).toEqual([]);
    expect(g["error-list"]).toEqual([
      expect.objectContaining({ code: "not-found", type: "snap-declaration", "primary-key": ["16", "x".repeat(32)] }),
      expect.objectContaining({ code: "not-found", type: "validation-set", "sequence-key": ["16", "acct", "set"] }),
    ]);
  });
});

describe("media objects", () => {
  it("carry the width and height read from the uploaded icon", async () => {
    const { deflateSync } = await import("node:zlib");
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(64, 0);
    ihdr.writeUInt32BE(32, 4);
    ihdr.set([8, 2, 0, 0, 0], 8);
    const chunk = (type: string, data: Buffer) =>
      Buffer.concat([Buffer.from([0, 0, data.length >> 8, data.length & 0xff]), Buffer.from(type), data, Buffer.alloc(4)]);
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk("IHDR", ihdr),
      chunk("IDAT", deflateSync(Buffer.alloc(32 * 193))),
      chunk("IEND", Buffer.alloc(0)),
    ]);
    const { addMedia } = await import("@/lib/server/listing");
    await addMedia(t.db, cat.pub, "hello-classic", "icon", new File([png], "icon.png", { type: "image/png" }));
    const r = await info("hello-classic");
    expect((r.body.snap as { media: unknown[] }).media).toEqual([
      { type: "icon", url: expect.stringMatching(/^http:\/\/store\.test:7000\/media\//), width: 64, height: 32 },
    ]);
    const f = await find("q=hello-classic&fields=media");
    expect((f.body.results![0].snap as { media: unknown[] }).media).toEqual([expect.objectContaining({ width: 64, height: 32 })]);
  });
});

describe("GET /v2/snaps/download/{snap-id}_{revision}.snap", () => {
  it("streams the blob with Content-Length; a Range gets 206 with the bytes asked for", async () => {
    const bytes = fs.readFileSync(fixture("strict.snap"));
    const file = `${cat.snaps.strict.snapId}_1.snap`;
    const whole = await download(file);
    expect(whole.status).toBe(200);
    expect(whole.headers.get("content-length")).toBe(String(bytes.length));
    expect(Buffer.from(await whole.arrayBuffer()).equals(bytes)).toBe(true);
    const part = await download(file, { Range: "bytes=100-" });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe(`bytes 100-${bytes.length - 1}/${bytes.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(bytes.subarray(100))).toBe(true);
    const mid = await download(file, { Range: "bytes=10-19" });
    expect(Buffer.from(await mid.arrayBuffer()).equals(bytes.subarray(10, 20))).toBe(true);
    expect((await download(file, { Range: `bytes=${bytes.length}-` })).status).toBe(416);
  });

  it("404 for unreleased, private, unknown and malformed names", async () => {
    for (const file of [`${cat.snaps.strict.snapId}_2.snap`, `${cat.snaps.private.snapId}_1.snap`, `${"Q".repeat(32)}_1.snap`, "../../etc/passwd"]) {
      const r = await download(file);
      expect(r.status, file).toBe(404);
      expect(r.headers.get("content-type")).toBe("application/json");
    }
  });

  it("parses single byte ranges only", () => {
    expect(parseRange("bytes=5-")).toEqual({ start: 5, end: undefined });
    expect(parseRange("bytes=5-9")).toEqual({ start: 5, end: 9 });
    expect(parseRange("bytes=9-5")).toBeNull();
    expect(parseRange("bytes=0-1,5-6")).toBeNull();
    expect(parseRange(null)).toBeNull();
  });
});

describe("categories, sections, names", () => {
  it("categories (v2) and sections (hal+json, old headers are enough)", async () => {
    const c = await json(categoriesGET());
    expect(c.type).toBe("application/json");
    expect((c.body.categories as { name: string }[]).map((x) => x.name)).toEqual(expect.arrayContaining(["featured", "utilities", "development"]));
    const s = await json(sectionsGET());
    expect(s.type).toBe("application/hal+json");
    expect((s.body._embedded as Record<string, { name: string }[]>)["clickindex:sections"].map((x) => x.name)).toEqual(
      (c.body.categories as { name: string }[]).map((x) => x.name),
    );
  });

  it("names: listed snaps only, with version and apps", async () => {
    const r = await json(namesGET(get("/api/v1/snaps/names?confinement=strict,classic", {})));
    expect(r.type).toBe("application/hal+json");
    const pkgs = (r.body._embedded as Record<string, { package_name: string; version: string; apps: string[] }[]>)["clickindex:package"];
    expect(pkgs.map((p) => p.package_name)).toEqual(["hello-classic", "hello-strict"]);
    expect(pkgs[1]).toMatchObject({ version: "1.0", apps: expect.arrayContaining(["hello-strict"]) });
  });
});

describe("public base URL", () => {
  it("SNAPSTORE_PUBLIC_URL wins, then forwarded headers, then the request", () => {
    const req = new Request("http://10.0.0.5:3000/v2/snaps/find", { headers: { host: "10.0.0.5:3000" } });
    expect(publicBaseUrl(req, { SNAPSTORE_PUBLIC_URL: "https://store.example.com/" })).toBe("https://store.example.com");
    expect(publicBaseUrl(new Request(req.url, { headers: { "x-forwarded-proto": "https", "x-forwarded-host": "snaps.example.org" } }), {})).toBe(
      "https://snaps.example.org",
    );
    expect(publicBaseUrl(req, {})).toBe("http://10.0.0.5:3000");
  });
});
