// The publisher CLI end to end: the real `snapstore` command (node cli/snapstore.mjs) as a child
// process, as a CI pipeline runs it, against the running store. Credentials live in a temp file.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { buildSnap, type BuiltSnap } from "../../lib/snap/squashfs/testing";
import { uniqueName } from "../support/fixtures";
import { ROLE_ACCOUNTS } from "../support/roles";

const CLI = path.resolve("cli/snapstore.mjs");

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function snapYaml(name: string, version: string, opts: { confinement?: string; grade?: string } = {}): string {
  return [
    `name: ${name}`,
    `version: '${version}'`,
    "summary: A snap built by the CLI end-to-end test",
    "description: Uploaded, released and inspected with the snapstore command.",
    `confinement: ${opts.confinement ?? "strict"}`,
    `grade: ${opts.grade ?? "stable"}`,
    "apps:",
    "  hello:",
    "    command: bin/hello",
    "",
  ].join("\n");
}

test.describe("snapstore CLI (publisher commands)", () => {
  let dir: string;
  let config: string;
  const built: BuiltSnap[] = [];

  test.beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "snapstore-e2e-cli-"));
    config = path.join(dir, "credentials.json");
  });
  test.afterAll(async () => {
    await Promise.all(built.map((b) => b.cleanup()));
    await rm(dir, { recursive: true, force: true });
  });

  /** Run the CLI; the store URL/token come only from the temp config file unless `env` says so. */
  function cli(args: string[], opts: { input?: string; env?: Record<string, string> } = {}): Promise<Run> {
    const env: NodeJS.ProcessEnv = { ...process.env, SNAPSTORE_CONFIG: config };
    delete env.SNAPSTORE_STORE_URL;
    delete env.SNAPSTORE_TOKEN;
    Object.assign(env, opts.env);
    return new Promise((resolve) => {
      const child = execFile(process.execPath, [CLI, ...args], { env, timeout: 150_000 }, (err, stdout, stderr) => {
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
      });
      child.stdin!.end(opts.input ?? "");
    });
  }

  async function snapFile(yaml: string): Promise<string> {
    const b = await buildSnap({ snapYaml: yaml, files: { "bin/hello": { mode: 0o755, data: "#!/bin/sh\necho hello\n" } } });
    built.push(b);
    return b.path;
  }

  test("login, register, upload + release, status, revisions, release refusals, rejected upload", async () => {
    test.setTimeout(240_000);
    const store = test.info().project.use.baseURL!;
    const publisher = ROLE_ACCOUNTS.publisher;
    const name = uniqueName("cli-e2e");

    await test.step("not logged in: a clear message", async () => {
      const r = await cli(["status", name]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain("not logged in: run `snapstore login --store URL` or set SNAPSTORE_STORE_URL and SNAPSTORE_TOKEN");
    });

    await test.step("a wrong password is refused with the API's message", async () => {
      const r = await cli(["login", "--store", store, "--email", publisher.email], { input: "not-the-password\n" });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^snapstore: .+ \([a-z-]+\)$/m);
      await expect(stat(config)).rejects.toThrow();
    });

    await test.step("login with the password on stdin writes a 0600 credentials file", async () => {
      const r = await cli(["login", "--store", store, "--email", publisher.email, "--label", "e2e cli"], { input: `${publisher.password}\n` });
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`Logged in to ${store} as ${publisher.email}`);
      expect((await stat(config)).mode & 0o777).toBe(0o600);
      const saved = JSON.parse(await readFile(config, "utf8"));
      expect(saved.store).toBe(store);
      expect(typeof saved.token).toBe("string");
      const who = await cli(["whoami"]);
      expect(who.stdout).toContain(`store: ${store}`);
    });

    await test.step("register a name", async () => {
      const r = await cli(["register", name]);
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^Registered ${name} \\(snap-id \\w+\\)$`, "m"));
      const again = await cli(["register", name]);
      expect(again.code).toBe(1);
      expect(again.stderr).toMatch(/^snapstore: .+ already yours.+ \(name-already-yours\)$/m);
    });

    await test.step("upload a real .snap (name read from it) and release it to edge and beta", async () => {
      const file = await snapFile(snapYaml(name, "1.0"));
      const r = await cli(["upload", file, "--release", "edge,beta", "--timeout", "120"]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toContain(`as ${name} to ${store}`);
      expect(r.stdout).toContain(`Revision 1 of ${name}: ready to release`);
      expect(r.stdout).toContain(`Released revision 1 of ${name} to edge, beta`);
      expect(r.stdout).toMatch(/^Track\s+Arch\s+Channel\s+Version\s+Revision$/m);
      expect(r.stdout).toMatch(/^latest\s+\S+\s+stable\s+-\s+-$/m);
      expect(r.stdout).toMatch(/^\s+candidate\s+-\s+-$/m);
      expect(r.stdout).toMatch(/^\s+beta\s+1\.0\s+1$/m);
      expect(r.stdout).toMatch(/^\s+edge\s+1\.0\s+1$/m);
    });

    await test.step("status prints the channel map table, --json the raw response", async () => {
      const r = await cli(["status", name]);
      expect(r.code, r.stderr).toBe(0);
      const lines = r.stdout.trimEnd().split("\n");
      expect(lines[0]).toMatch(/^Track\s+Arch\s+Channel\s+Version\s+Revision$/);
      expect(lines.slice(1).map((l) => l.trim().split(/\s+/).slice(-3).join(" "))).toEqual(["stable - -", "candidate - -", "beta 1.0 1", "edge 1.0 1"]);
      const raw = await cli(["status", name, "--json"]);
      const map = JSON.parse(raw.stdout)["channel-map"] as { channel: { risk: string }; revision: number }[];
      expect(map.map((e) => [e.channel.risk, e.revision]).sort()).toEqual([
        ["beta", 1],
        ["edge", 1],
      ]);
    });

    await test.step("revisions lists the upload", async () => {
      const r = await cli(["revisions", name]);
      expect(r.code, r.stderr).toBe(0);
      const lines = r.stdout.trimEnd().split("\n");
      expect(lines[0]).toMatch(/^Rev\s+Uploaded\s+Arches\s+Version\s+Channels\s+Status$/);
      expect(lines[1]).toMatch(/^1\s+\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\s+\S+\s+1\.0\s+.*latest\/beta.*\s+ready_to_release$/);
      expect(lines[1]).toContain("latest/edge");
    });

    await test.step("release a revision to candidate", async () => {
      const r = await cli(["release", name, "1", "candidate"]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain(`Released revision 1 of ${name} to candidate`);
      expect(r.stdout).toMatch(/^latest\s+\S+\s+stable\s+-\s+-$/m);
      expect(r.stdout).toMatch(/^\s+candidate\s+1\.0\s+1$/m);
    });

    await test.step("a devmode revision cannot go to stable", async () => {
      const file = await snapFile(snapYaml(name, "2.0-dev", { confinement: "devmode" }));
      const up = await cli(["upload", file, "--timeout", "120"]);
      expect(up.code, up.stderr).toBe(0);
      expect(up.stdout).toContain(`Revision 2 of ${name}: ready to release`);
      const r = await cli(["release", name, "2", "stable"]);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(/^snapstore: .*devmode.*beta or edge.* \(devmode-or-devel-to-stable\)$/m);
      // ...but edge is fine, and the table then shows it
      const edge = await cli(["release", name, "2", "edge"]);
      expect(edge.code, edge.stderr).toBe(0);
      expect(edge.stdout).toMatch(/^\s+edge\s+2\.0-dev\s+2$/m);
    });

    await test.step("upload --release stable of a devmode snap is refused before sending a byte", async () => {
      const file = await snapFile(snapYaml(name, "2.1-dev", { confinement: "devmode" }));
      const r = await cli(["upload", file, "--release", "edge,stable", "--timeout", "120"]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain("this snap has devmode confinement: it can only be released to beta or edge, not latest/stable");
      // No revision was spent: the next upload below is revision 3.
    });

    await test.step("an upload whose snap.yaml names another snap is rejected with the reason", async () => {
      const file = await snapFile(snapYaml(`${name}-other`.slice(0, 40), "3.0"));
      const r = await cli(["upload", file, "--name", name, "--release", "edge", "--timeout", "120"]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`snapstore: revision 3 of ${name}: rejected`);
      expect(r.stderr).toMatch(/^- .*does not match the registered name.* \(name-mismatch\)$/m);
      const status = await cli(["status", name]);
      expect(status.stdout).toMatch(/^\s+edge\s+2\.0-dev\s+2$/m); // nothing was released
    });

    await test.step("close edge: it then follows beta (↑)", async () => {
      const r = await cli(["close", name, "edge"]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain(`Closed edge for ${name}`);
      expect(r.stdout).toMatch(/^\s+beta\s+1\.0\s+1$/m);
      expect(r.stdout).toMatch(/^\s+edge\s+↑\s+↑$/m);
    });

    await test.step("CI: SNAPSTORE_STORE_URL + SNAPSTORE_TOKEN without any file", async () => {
      const { token } = JSON.parse(await readFile(config, "utf8"));
      const r = await cli(["status", name], { env: { SNAPSTORE_CONFIG: path.join(dir, "absent.json"), SNAPSTORE_STORE_URL: store, SNAPSTORE_TOKEN: token } });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^\s+candidate\s+1\.0\s+1$/m);
    });

    await test.step("logout forgets the credentials", async () => {
      expect((await cli(["logout"])).code).toBe(0);
      await expect(stat(config)).rejects.toThrow();
      const r = await cli(["revisions", name]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain("not logged in");
    });
  });
});
