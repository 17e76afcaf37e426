// A small real catalogue for the store API tests: the .snap fixtures uploaded and processed by the
// real services, then released. hello-strict (strict, stable + beta; candidate closed),
// hello-classic (classic, stable), hello-devmode (devmode, beta + edge only), and a private snap.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Db } from "@/lib/db/client";
import { closeChannels, releaseRevision } from "@/lib/server/releases";
import type { Actor } from "@/lib/server/ownership";
import { startUpload } from "@/lib/server/uploads";
import { createBlobStore, setBlobStoreForProcess, type BlobStore } from "@/lib/storage";
import { makeActor, registered } from "./publisher-helpers";

export const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/snaps");
export const fixture = (name: string) => path.join(FIXTURES, name);

export interface StoreCatalogue {
  pub: Actor;
  dataDir: string;
  snaps: Record<"strict" | "classic" | "devmode" | "private", { id: string; snapId: string; name: string; ownerId: string }>;
  cleanup(): void;
}

async function uploadReady(db: Db, pub: Actor, name: string, file: string): Promise<void> {
  const { process } = await startUpload(db, pub, name, fs.createReadStream(fixture(file)));
  const outcome = await process();
  if (outcome !== "ready_to_release") throw new Error(`${file}: processing gave ${outcome}`);
}

/** Uploads and releases the fixtures into `db`, with blobs in `blobs` or a fresh fs store (set for the process). */
export async function buildStoreCatalogue(db: Db, blobs?: BlobStore): Promise<StoreCatalogue> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "snapstore-store-api-"));
  setBlobStoreForProcess(blobs ?? createBlobStore({ kind: "fs", dataDir }));
  const pub = await makeActor(db, "publisher");
  const strict = await registered(db, pub, "hello-strict");
  await db.snap.update({ where: { id: strict.id }, data: { title: "Hello Strict", summary: "A strictly confined greeter", categories: ["utilities"] } });
  await uploadReady(db, pub, "hello-strict", "strict.snap");
  await releaseRevision(db, pub, "hello-strict", { revision: 1, channels: ["stable", "candidate", "beta"] });
  await closeChannels(db, pub, "hello-strict", { channels: ["candidate"] });

  const classic = await registered(db, pub, "hello-classic");
  await db.snap.update({ where: { id: classic.id }, data: { classicGranted: true, summary: "A classic greeter", categories: ["development"] } });
  await uploadReady(db, pub, "hello-classic", "classic.snap");
  await releaseRevision(db, pub, "hello-classic", { revision: 1, channels: ["stable"] });

  const devmode = await registered(db, pub, "hello-devmode");
  await db.snap.update({ where: { id: devmode.id }, data: { summary: "A devmode greeter", categories: ["utilities"] } });
  await uploadReady(db, pub, "hello-devmode", "devmode.snap");
  await releaseRevision(db, pub, "hello-devmode", { revision: 1, channels: ["beta", "edge"] });

  // A private snap: released first (a release needs nothing of privacy), then marked private.
  const priv = await registered(db, pub, "hello-camera");
  await uploadReady(db, pub, "hello-camera", "camera.snap");
  await releaseRevision(db, pub, "hello-camera", { revision: 1, channels: ["stable"] });
  await db.snap.update({ where: { id: priv.id }, data: { private: true } });

  const pick = (s: { id: string; snapId: string; name: string; ownerId: string }) => ({ id: s.id, snapId: s.snapId, name: s.name, ownerId: s.ownerId });
  return {
    pub,
    dataDir,
    snaps: { strict: pick(strict), classic: pick(classic), devmode: pick(devmode), private: pick(priv) },
    cleanup: () => fs.rmSync(dataDir, { recursive: true, force: true }),
  };
}
