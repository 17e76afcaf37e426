// snap.yaml validation through the real upload path (startUpload -> processing -> automated
// review), with real .snap files built by mksquashfs: snaps snapd 2.57.6 refuses must end up
// rejected with snapd's reason, and a hostile snap.yaml is refused on its counts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestDb } from "@/test/support/db";
import type { BlobStore } from "@/lib/storage";
import type { Actor } from "@/lib/server/ownership";
import { MAX_REFUSED_YAML_CHARS } from "@/lib/snap/limits";
import { openUploadEnv, registered, uploadYaml as uploadSnapYaml, type UploadEnv } from "./publisher-helpers";

let env: UploadEnv;
let t: TestDb;
let store: BlobStore;
let pub: Actor;

beforeAll(async () => {
  env = await openUploadEnv("review-validation");
  ({ t, store, pub } = env);
});
afterAll(async () => {
  await env.close();
});

async function uploadYaml(name: string, snapYaml: string) {
  await registered(t.db, pub, name);
  return uploadSnapYaml(t.db, pub, name, snapYaml);
}

const head = (name: string) => `name: ${name}\nversion: '1.0'\nsummary: s\ndescription: d\nbase: core22\n`;

describe("snap.yaml validation on upload, as snapd 2.57.6 validates", () => {
  it("system-usernames other than snapd's own: rejected (unsupported system username)", async () => {
    const { status, rev } = await uploadYaml("rv-users", head("rv-users") + "system-usernames:\n  daemon: shared\n");
    expect(status.code).toBe("rejected");
    expect(rev.status).toBe("rejected");
    const msgs = status.errors.filter((e) => e.code === "invalid-metadata").map((e) => e.message);
    expect(msgs.some((m) => /unsupported system username "daemon"/.test(m))).toBe(true);
    expect(await store.has(rev.sha3_384!)).toBe(false);
  });

  it("snap_daemon with scope shared is accepted", async () => {
    const { status } = await uploadYaml("rv-users-ok", head("rv-users-ok") + "system-usernames:\n  snap_daemon: shared\n");
    expect(status.code).not.toBe("rejected");
    expect(status.errors).toEqual([]);
  });

  it("sockets without a network-bind plug: rejected (network-bind interface plug is required)", async () => {
    const yaml =
      head("rv-sockets") + "apps:\n  srv:\n    command: bin/hello\n    daemon: simple\n    sockets:\n      sock:\n        listen-stream: $SNAP_DATA/srv.sock\n";
    const { status, rev } = await uploadYaml("rv-sockets", yaml);
    expect(status.code).toBe("rejected");
    expect(rev.status).toBe("rejected");
    const msgs = status.errors.filter((e) => e.code === "invalid-metadata").map((e) => e.message);
    expect(msgs.some((m) => m.includes(`"network-bind" interface plug is required when sockets are used`))).toBe(true);
  });

  it("the same sockets with network-bind are accepted", async () => {
    const yaml =
      head("rv-sockets-ok") +
      "apps:\n  srv:\n    command: bin/hello\n    daemon: simple\n    plugs: [network-bind]\n    sockets:\n      sock:\n        listen-stream: $SNAP_DATA/srv.sock\n";
    const { status } = await uploadYaml("rv-sockets-ok", yaml);
    expect(status.errors).toEqual([]);
    expect(status.code).not.toBe("rejected");
  });

  it("11,000 apps (the hostile snap.yaml of the security probe): rejected on the count", async () => {
    let yaml = head("rv-apps") + "apps:\n";
    for (let i = 0; i < 11_000; i++) yaml += `  app${i}:\n    command: bin/hello\n`;
    const { status } = await uploadYaml("rv-apps", yaml);
    expect(status.code).toBe("rejected");
    expect(status.errors.map((e) => e.message)).toContainEqual(expect.stringContaining("snap.yaml has 11,000 apps; the store accepts at most 500"));
  });

  it("a refused snap.yaml of a megabyte is recorded in part: its first 64k characters and a note (an accepted one whole)", async () => {
    // 200,000 emoji in a title: refused on the scalar limit. Recording it whole cost the server's
    // request thread ~300 ms in Prisma's query compiler (bench:hostile, "unicode title").
    const yaml = head("rv-big") + `title: ${"😀".repeat(200_000)}\n`;
    const { status, rev } = await uploadYaml("rv-big", yaml);
    expect(status.code).toBe("rejected");
    expect(rev.snapYaml!.length).toBeLessThan(MAX_REFUSED_YAML_CHARS + 200);
    expect(rev.snapYaml!.startsWith(yaml.slice(0, 1000))).toBe(true);
    expect(rev.snapYaml).toContain(`[cut by the store: this snap.yaml has ${yaml.length.toLocaleString("en-US")} characters`);

    // 80k characters of comments, within every limit, recorded byte for byte (written as UTF-8 bytes).
    const ok = head("rv-big-ok") + `# ${"中".repeat(4_000)} 😀 é\n`.repeat(20);
    const accepted = await uploadYaml("rv-big-ok", ok);
    expect(accepted.status.code).toBe("ready_to_release");
    expect(accepted.rev.snapYaml).toBe(ok);
  });
});
