// snap.yaml validation through the real upload path (startUpload -> processing -> automated
// review), with real .snap files built by mksquashfs: snaps snapd 2.57.6 refuses must end up
// rejected with snapd's reason, and a hostile snap.yaml is refused on its counts.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "@/test/support/db";
import { createBlobStore, type BlobStore } from "@/lib/storage";
import { buildSnap } from "@/lib/snap/squashfs/testing";
import { setBlobStoreForProcess } from "@/lib/storage";
import { getUploadStatus, startUpload } from "@/lib/server/uploads";
import type { Actor } from "@/lib/server/ownership";
import { makeActor, registered } from "./publisher-helpers";

let t: TestDb;
let store: BlobStore;
let dataDir: string;
let pub: Actor;

beforeAll(async () => {
  t = await createTestDb();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "snapstore-review-validation-"));
  store = createBlobStore({ kind: "fs", dataDir });
  setBlobStoreForProcess(store);
  pub = await makeActor(t.db, "publisher");
});
afterAll(async () => {
  await t.cleanup();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function uploadYaml(name: string, snapYaml: string) {
  await registered(t.db, pub, name);
  const b = await buildSnap({ snapYaml, files: { "bin/hello": "#!/bin/sh\necho hi\n" } });
  try {
    const { accepted, process } = await startUpload(t.db, pub, name, fs.createReadStream(b.path));
    await process();
    const status = await getUploadStatus(t.db, pub, name, accepted.uploadId);
    const rev = await t.db.revision.findFirstOrThrow({ where: { uploadId: accepted.uploadId } });
    return { status, rev };
  } finally {
    await b.cleanup();
  }
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
});
