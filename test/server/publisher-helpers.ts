// Shared set-up for the publisher-workflow integration tests: users per role and revisions in a
// given state, written through the real services where possible.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Db } from "@/lib/db/client";
import { createTestDb, type TestDb } from "@/test/support/db";
import { createBlobStore, setBlobStoreForProcess, type BlobStore } from "@/lib/storage";
import { buildSnap } from "@/lib/snap/squashfs/testing";
import { allocateRevision, getUploadStatus, startUpload } from "@/lib/server/uploads";
import { createUser } from "@/lib/server/users";
import type { Actor } from "@/lib/server/ownership";
import { registerSnapName } from "@/lib/server/registration";

let n = 0;

export async function makeActor(db: Db, role: Actor["role"], prefix: string = role): Promise<Actor> {
  n++;
  const u = await createUser(db, {
    email: `${prefix}-${n}-${Date.now()}@example.com`,
    password: "password-123",
    role,
    username: role === "publisher" || role === "admin" ? `${prefix}-${n}-${Date.now().toString(36)}` : undefined,
  });
  return { id: u.id, role: u.role };
}

export async function registered(db: Db, actor: Actor, name: string) {
  await registerSnapName(db, actor, { name });
  return db.snap.findUniqueOrThrow({ where: { name } });
}

export interface RevisionSpec {
  status?: "ready_to_release" | "need_manual_review" | "rejected" | "processing_error" | "being_processed";
  confinement?: "strict" | "classic" | "devmode";
  grade?: "stable" | "devel";
  architectures?: string[];
  version?: string;
  snapYaml?: string;
  plugs?: Record<string, string>;
}

/** A revision as if an upload had been processed with this outcome. */
export async function addRevision(db: Db, snapId: string, uploader: Actor, spec: RevisionSpec = {}) {
  const { id, revision } = await allocateRevision(db, snapId, uploader.id);
  const plugs = Object.fromEntries(
    Object.entries(spec.plugs ?? {}).map(([name, iface]) => [name, { name, interface: iface, attributes: {}, apps: [], hooks: [], implicit: false }]),
  );
  await db.revision.update({
    where: { id },
    data: {
      status: spec.status ?? "ready_to_release",
      confinement: spec.confinement ?? "strict",
      grade: spec.grade ?? "stable",
      architectures: spec.architectures ?? ["amd64"],
      version: spec.version ?? `1.${revision}`,
      compression: "xz",
      sha3_384: `${"0".repeat(90)}${String(revision).padStart(6, "0")}`,
      snapYaml: spec.snapYaml ?? null,
      meta: { plugs, slots: {} },
      processedAt: new Date(),
    },
  });
  return { id, revision };
}

/**
 * What every upload suite needs: a fresh migrated database, a filesystem blob store in its own
 * temp data directory (set as the process's store, as the server does at start), and two
 * publishers. `close()` removes all of it.
 */
export interface UploadEnv {
  t: TestDb;
  store: BlobStore;
  dataDir: string;
  pub: Actor;
  pub2: Actor;
  /** Upload temp files still present (a finished or refused upload must leave none). */
  tmpFiles(): string[];
  close(): Promise<void>;
}

export async function openUploadEnv(prefix: string): Promise<UploadEnv> {
  const t = await createTestDb();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `snapstore-${prefix}-`));
  const store = createBlobStore({ kind: "fs", dataDir });
  setBlobStoreForProcess(store);
  const pub = await makeActor(t.db, "publisher");
  const pub2 = await makeActor(t.db, "publisher", "other");
  const tmp = path.join(dataDir, "tmp");
  return {
    t,
    store,
    dataDir,
    pub,
    pub2,
    tmpFiles: () => (fs.existsSync(tmp) ? fs.readdirSync(tmp) : []),
    close: async () => {
      await t.cleanup();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Builds a real .snap from `snapYaml`, uploads it as `actor` through the services and waits for processing. */
export async function uploadYaml(
  db: Db,
  actor: Actor,
  name: string,
  snapYaml: string,
  files: Record<string, string> = { "bin/hello": "#!/bin/sh\necho hi\n" },
) {
  const b = await buildSnap({ snapYaml, files });
  try {
    const { accepted, process } = await startUpload(db, actor, name, fs.createReadStream(b.path));
    await process();
    const status = await getUploadStatus(db, actor, name, accepted.uploadId);
    const rev = await db.revision.findFirstOrThrow({ where: { uploadId: accepted.uploadId } });
    return { status, rev };
  } finally {
    await b.cleanup();
  }
}
