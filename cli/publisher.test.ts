// The publisher commands end to end against an in-process mock of the /api/v1 contract: the real
// CLI runs as a child process (node cli/snapstore.mjs), as in CI. The real store is covered by
// e2e/api/cli.spec.ts.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { buildSnap, type BuiltSnap } from "@/lib/snap/squashfs/testing";

const CLI = path.resolve(__dirname, "snapstore.mjs");

interface MockState {
  outcome: { code: string; errors?: { code: string; message: string }[]; review?: unknown };
  /** Polls answered "being_processed" before the outcome. */
  processingPolls: number;
  polls: number;
  uploads: { name: string; bytes: number; contentLength?: string }[];
  releases: { name: string; body: unknown }[];
  tokenRequests: unknown[];
  lastAuth?: string;
  releaseError?: { status: number; code: string; message: string };
  channelMap: unknown[];
}

let state: MockState;
let server: Server;
let store: string;
let dir: string;
let snap: BuiltSnap;

function reset() {
  state = { outcome: { code: "ready_to_release", errors: [] }, processingPolls: 1, polls: 0, uploads: [], releases: [], tokenRequests: [], channelMap: [] };
}

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { "Content-Type": "application/json" });
  res.end(JSON.stringify(body));
};
const fail = (res: ServerResponse, status: number, code: string, message: string) => json(res, status, { "error-list": [{ code, message }] });

async function body(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

function entry(name: string, revision: number) {
  const [track, risk] = name.includes("/") ? name.split("/") : ["latest", name];
  return {
    channel: { name: `${track}/${risk}`, track, risk, branch: null, architecture: "amd64", "released-at": "2024-05-01T00:00:00Z" },
    revision,
    version: "1.0",
    confinement: "strict",
    grade: "stable",
  };
}

async function handle(req: IncomingMessage, res: ServerResponse) {
  const url = req.url ?? "";
  if (req.method === "POST" && url === "/api/v1/tokens") {
    const b = JSON.parse((await body(req)).toString());
    state.tokenRequests.push(b);
    if (b.password !== "pw") return fail(res, 401, "invalid-credentials", "wrong email or password");
    return json(res, 201, { token: "tok-123" });
  }
  state.lastAuth = req.headers.authorization;
  if (req.headers.authorization !== "Bearer tok-123") return fail(res, 401, "invalid-token", "invalid or revoked token");
  let m: RegExpMatchArray | null;
  if (req.method === "POST" && url === "/api/v1/snaps") {
    const { name } = JSON.parse((await body(req)).toString());
    if (name === "taken") return fail(res, 409, "name-taken", `the name "taken" is already registered`);
    return json(res, 201, { name, "snap-id": "SNAPID" });
  }
  if (req.method === "POST" && (m = url.match(/^\/api\/v1\/snaps\/([^/]+)\/uploads$/))) {
    const b = await body(req);
    state.uploads.push({ name: m[1], bytes: b.length, contentLength: req.headers["content-length"] });
    return json(res, 202, { "upload-id": "up1", "status-url": `/api/v1/snaps/${m[1]}/uploads/up1`, revision: 7 });
  }
  if (req.method === "GET" && /^\/api\/v1\/snaps\/[^/]+\/uploads\/up1$/.test(url)) {
    state.polls++;
    if (state.polls <= state.processingPolls) return json(res, 200, { code: "being_processed", revision: 7, errors: [], review: null });
    return json(res, 200, { revision: 7, errors: [], review: null, ...state.outcome });
  }
  if (req.method === "POST" && (m = url.match(/^\/api\/v1\/snaps\/([^/]+)\/releases$/))) {
    const b = JSON.parse((await body(req)).toString());
    state.releases.push({ name: m[1], body: b });
    if (state.releaseError) return fail(res, state.releaseError.status, state.releaseError.code, state.releaseError.message);
    state.channelMap = b.channels.map((c: string) => entry(c, b.revision));
    return json(res, 200, { "channel-map": state.channelMap });
  }
  if (req.method === "GET" && (m = url.match(/^\/api\/v1\/snaps\/([^/]+)\/channel-map$/))) {
    if (m[1] === "unknown") return fail(res, 404, "snap-not-found", "no snap named unknown");
    return json(res, 200, { "channel-map": state.channelMap, extra: true });
  }
  if (req.method === "GET" && /^\/api\/v1\/snaps\/[^/]+\/revisions$/.test(url)) {
    return json(res, 200, {
      revisions: [
        {
          revision: 6,
          version: "0.9",
          architectures: ["amd64"],
          confinement: "strict",
          grade: "stable",
          status: "rejected",
          "created-at": "2024-04-30T10:00:00Z",
          channels: [],
        },
        {
          revision: 7,
          version: "1.0",
          architectures: ["amd64"],
          confinement: "strict",
          grade: "stable",
          status: "ready_to_release",
          "created-at": "2024-05-01T10:00:00.5Z",
          channels: ["latest/edge"],
        },
      ],
    });
  }
  res.writeHead(404, { "Content-Type": "text/html" });
  res.end("<html>not found</html>");
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(args: string[], opts: { input?: string; env?: Record<string, string> } = {}): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, SNAPSTORE_CONFIG: path.join(dir, "credentials.json"), ...opts.env };
  delete env.SNAPSTORE_STORE_URL;
  delete env.SNAPSTORE_TOKEN;
  Object.assign(env, opts.env);
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [CLI, ...args], { env, timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
    child.stdin!.end(opts.input ?? "");
  });
}

const loggedIn = () => ({ SNAPSTORE_STORE_URL: store, SNAPSTORE_TOKEN: "tok-123" });

beforeAll(async () => {
  server = createServer((req, res) => void handle(req, res).catch((e) => fail(res, 500, "mock-error", String(e))));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  store = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  dir = await mkdtemp(path.join(tmpdir(), "snapstore-cli-pub-"));
  snap = await buildSnap({
    snapYaml: "name: hello-mock\nversion: '1.0'\nsummary: s\ndescription: d\nconfinement: strict\ngrade: stable\n",
    files: { "bin/hello": "#!/bin/sh\necho hi\n" },
  });
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  await rm(dir, { recursive: true, force: true });
  await snap?.cleanup();
});
beforeEach(reset);

describe("login / logout", () => {
  it("says how to log in when there are no credentials", async () => {
    const r = await cli(["status", "hello-mock"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("snapstore: not logged in: run `snapstore login --store URL` or set SNAPSTORE_STORE_URL and SNAPSTORE_TOKEN");
  });

  it("reads the password from stdin, saves a 0600 file, which later commands use; logout removes it", async () => {
    const r = await cli(["login", "--store", store + "/", "--email", "pub@example.com", "--label", "ci"], { input: "pw\n" });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(state.tokenRequests).toEqual([{ email: "pub@example.com", password: "pw", label: "ci" }]);
    const file = path.join(dir, "credentials.json");
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(file, "utf8"))).toMatchObject({ store, token: "tok-123", email: "pub@example.com" });

    const who = await cli(["whoami"]);
    expect(who.stdout).toContain(`store: ${store}`);
    const st = await cli(["status", "hello-mock"]);
    expect(st.code).toBe(0);
    expect(state.lastAuth).toBe("Bearer tok-123");

    expect((await cli(["logout"])).code).toBe(0);
    expect((await cli(["status", "hello-mock"])).stderr).toContain("not logged in");
  });

  it("reports a wrong password with the API's message and code", async () => {
    const r = await cli(["login", "--store", store, "--email", "pub@example.com"], { input: "nope\n" });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("snapstore: wrong email or password (invalid-credentials)");
  });

  it("needs --email when stdin is not a terminal", async () => {
    const r = await cli(["login", "--store", store], { input: "pw\n" });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--email");
  });
});

describe("register", () => {
  it("registers, and prints API refusals as `snapstore: <message> (<code>)`", async () => {
    const ok = await cli(["register", "hello-mock"], { env: loggedIn() });
    expect(ok.stdout).toContain("Registered hello-mock (snap-id SNAPID)");
    const taken = await cli(["register", "taken"], { env: loggedIn() });
    expect(taken.code).toBe(1);
    expect(taken.stderr.trim()).toBe('snapstore: the name "taken" is already registered (name-taken)');
  });

  it("a refused token says to log in again", async () => {
    const r = await cli(["register", "x"], { env: { ...loggedIn(), SNAPSTORE_TOKEN: "bad" } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("invalid or revoked token (invalid-token)");
    expect(r.stderr).toContain("snapstore login");
  });
});

describe("upload", () => {
  it("streams the file (name read from meta/snap.yaml), waits, releases and prints the channel map", async () => {
    const r = await cli(["upload", snap.path, "--release", "edge,beta"], { env: loggedIn() });
    expect(r.code, r.stderr).toBe(0);
    const size = (await stat(snap.path)).size;
    expect(state.uploads).toEqual([{ name: "hello-mock", bytes: size, contentLength: String(size) }]);
    expect(state.polls).toBe(2);
    expect(state.releases).toEqual([{ name: "hello-mock", body: { revision: 7, channels: ["edge", "beta"] } }]);
    expect(r.stdout).toContain("Revision 7 of hello-mock: ready to release");
    expect(r.stdout).toContain("Released revision 7 of hello-mock to edge, beta");
    expect(r.stdout).toMatch(/^latest\s+amd64\s+stable\s+-\s+-$/m);
    expect(r.stdout).toMatch(/^\s+beta\s+1\.0\s+7$/m);
    expect(r.stdout).toMatch(/^\s+edge\s+1\.0\s+7$/m);
    // stderr is not a terminal: no live progress, just the plain lines
    expect(r.stderr).not.toContain("\r");
    expect(r.stderr).toContain(`as hello-mock to ${store}`);
  });

  it("prints plain progress lines with --progress when stderr is not a terminal", async () => {
    const r = await cli(["upload", snap.path, "--progress", "--name", "other-name"], { env: loggedIn() });
    expect(r.code, r.stderr).toBe(0);
    expect(state.uploads[0].name).toBe("other-name");
    expect(r.stderr).toMatch(/Uploading out\.snap: 0 B \/ [\d.]+ kB \(0%\)/);
    expect(r.stderr).toMatch(/\(100%\)\n/);
    expect(state.releases).toEqual([]);
  });

  it("exits 1 with the reasons when the upload is rejected", async () => {
    state.outcome = { code: "rejected", errors: [{ code: "name-mismatch", message: 'snap.yaml name "hello-mock" does not match the registered name "x"' }] };
    const r = await cli(["upload", snap.path, "--release", "edge"], { env: loggedIn() });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'snapstore: revision 7 of hello-mock: rejected\n- snap.yaml name "hello-mock" does not match the registered name "x" (name-mismatch)',
    );
    expect(state.releases).toEqual([]);
  });

  it("exits 3 when the upload needs manual review", async () => {
    state.outcome = { code: "need_manual_review", errors: [{ code: "super-privileged-interface", message: "plug docker-support needs a declaration" }] };
    const r = await cli(["upload", snap.path, "--release", "stable"], { env: loggedIn() });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("needs manual review");
    expect(r.stderr).toContain("not released to stable");
    expect(r.stderr).toContain("- plug docker-support needs a declaration (super-privileged-interface)");
  });

  it("exits 4 when the store takes longer than --timeout", async () => {
    state.processingPolls = 1000;
    const r = await cli(["upload", snap.path, "--timeout", "1"], { env: loggedIn() });
    expect(r.code).toBe(4);
    expect(r.stderr).toContain("timed out after 1 s");
  });

  it("explains when the file is not a snap and no --name is given", async () => {
    const r = await cli(["upload", CLI], { env: loggedIn() });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`cannot read the snap name from ${CLI}`);
    expect(r.stderr).toContain("pass --name NAME");
    expect(state.uploads).toEqual([]);
  });

  it("refuses --release stable for a devmode or devel snap before sending a byte", async () => {
    const devmode = await buildSnap({
      snapYaml: "name: hello-mock\nversion: '1.0'\nsummary: s\ndescription: d\nconfinement: devmode\ngrade: devel\n",
      files: { "bin/hello": "#!/bin/sh\necho hi\n" },
    });
    try {
      const r = await cli(["upload", devmode.path, "--release", "edge,stable"], { env: loggedIn() });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain("it cannot be released to every channel of --release");
      expect(r.stderr).toContain("- this snap has devmode confinement and devel grade: it can only be released to beta or edge, not latest/stable");
      expect(state.uploads).toEqual([]);
      // beta and edge are fine: the upload goes ahead
      const ok = await cli(["upload", devmode.path, "--release", "edge,beta"], { env: loggedIn() });
      expect(ok.code, ok.stderr).toBe(0);
      expect(state.uploads).toHaveLength(1);
    } finally {
      await devmode.cleanup();
    }
  });

  it("checks channels before uploading", async () => {
    const r = await cli(["upload", snap.path, "--release", "edge,a/b/c/d"], { env: loggedIn() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("too many parts");
    expect(state.uploads).toEqual([]);
  });
});

describe("release / close / status / revisions", () => {
  it("release prints the channel map; refusals show the API message", async () => {
    const ok = await cli(["release", "hello-mock", "7", "candidate"], { env: loggedIn() });
    expect(ok.code, ok.stderr).toBe(0);
    expect(state.releases[0].body).toEqual({ revision: 7, channels: ["candidate"] });
    expect(ok.stdout).toMatch(/^\s+candidate\s+1\.0\s+7$/m);
    expect(ok.stdout).toMatch(/^\s+beta\s+↑\s+↑$/m);

    state.releaseError = { status: 400, code: "devmode-or-devel-to-stable", message: "revision 7 is devmode: it can only be released to beta or edge" };
    const refused = await cli(["release", "hello-mock", "7", "stable"], { env: loggedIn() });
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim()).toBe("snapstore: revision 7 is devmode: it can only be released to beta or edge (devmode-or-devel-to-stable)");
  });

  it("release checks its arguments", async () => {
    expect((await cli(["release", "hello-mock", "x", "edge"], { env: loggedIn() })).code).toBe(2);
    expect((await cli(["release", "hello-mock", "7"], { env: loggedIn() })).stderr).toContain("missing the channels");
  });

  it("close reports a store without the endpoint plainly", async () => {
    const r = await cli(["close", "hello-mock", "edge"], { env: loggedIn() });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("does not support closing channels");
  });

  it("status: table, --json, empty map and unknown snap", async () => {
    expect((await cli(["status", "hello-mock"], { env: loggedIn() })).stdout).toBe("hello-mock has no released revisions\n");
    state.channelMap = [entry("edge", 7)];
    const table = await cli(["status", "hello-mock"], { env: loggedIn() });
    expect(table.stdout.split("\n")[0]).toMatch(/^Track\s+Arch\s+Channel\s+Version\s+Revision$/);
    const raw = await cli(["status", "hello-mock", "--json"], { env: loggedIn() });
    expect(JSON.parse(raw.stdout)).toEqual({ "channel-map": state.channelMap, extra: true });
    const unknown = await cli(["status", "unknown"], { env: loggedIn() });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr.trim()).toBe("snapstore: no snap named unknown (snap-not-found)");
  });

  it("revisions lists newest first", async () => {
    const r = await cli(["revisions", "hello-mock"], { env: loggedIn() });
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^Rev\s+Uploaded\s+Arches\s+Version\s+Channels\s+Status$/);
    expect(lines[1]).toMatch(/^7\s+2024-05-01T10:00:00Z\s+amd64\s+1\.0\s+latest\/edge\s+ready_to_release$/);
    expect(lines[2]).toMatch(/^6\s+.*rejected$/);
  });

  it("network errors name the store", async () => {
    const r = await cli(["status", "hello-mock"], { env: { SNAPSTORE_STORE_URL: "http://127.0.0.1:9", SNAPSTORE_TOKEN: "t" } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("snapstore: cannot reach the store at http://127.0.0.1:9");
  });
});
