// Uploads against the faults and attacks of issues 8 and 13: the same file twice (refused before a
// revision number is spent), the digest recorded before the blob is committed (a withdraw of a
// same-content revision cannot delete the blob under an upload still processing), stalled bodies
// (idle timeout) and many uploads at once from one account.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { PassThrough, Readable } from "node:stream";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { TestDb } from "@/test/support/db";
import { AppError } from "@/lib/errors";
import type { BlobStore } from "@/lib/storage";
import { buildSnap } from "@/lib/snap/squashfs/testing";
import { stageUploadBody, startUpload, withdrawRevision } from "@/lib/server/uploads";
import { claimUploadSlot, UPLOAD_SLOT_TTL_MS } from "@/lib/server/upload-slots";
import { recoverySweep } from "@/lib/server/recovery";
import { createDb } from "@/lib/db/client";
import type { Actor } from "@/lib/server/ownership";
import { openUploadEnv, registered, type UploadEnv } from "./publisher-helpers";
import { refused } from "@/test/support/refusal";

let env: UploadEnv;
let t: TestDb;
let store: BlobStore;
let pub: Actor;
let pub2: Actor;

beforeAll(async () => {
  env = await openUploadEnv("hardening");
  ({ t, store, pub, pub2 } = env);
});
afterAll(async () => {
  await env.close();
});
afterEach(() => {
  delete process.env.SNAPSTORE_MAX_CONCURRENT_UPLOADS;
});

const tmpFiles = () => env.tmpFiles();

const yaml = (name: string, extra = "") => `name: ${name}\nversion: '1'\nsummary: s\ndescription: d\n${extra}`;

/** A body that sends the snap's first bytes and then nothing until `end()`. */
function stalling(file: string) {
  const body = new PassThrough();
  body.write(fs.readFileSync(file).subarray(0, 4096));
  return { body, end: () => body.destroy(new Error("client gone")) };
}

describe("the same file twice", () => {
  it("is refused (409 duplicate-upload, naming the revision) before a revision number is spent", async () => {
    const s = await registered(t.db, pub, "dup-snap");
    const b = await buildSnap({ snapYaml: yaml("dup-snap"), files: { "bin/x": "x" } });
    try {
      const first = await startUpload(t.db, pub, "dup-snap", fs.createReadStream(b.path));
      expect(await first.process()).toBe("ready_to_release");
      const e = await refused(startUpload(t.db, pub, "dup-snap", fs.createReadStream(b.path)));
      expect([e.code, e.status]).toEqual(["duplicate-upload", 409]);
      expect(e.details).toMatchObject({ name: "dup-snap", revision: 1 });
      expect(e.message).toContain("revision 1");
      expect((await t.db.snap.findUniqueOrThrow({ where: { id: s.id } })).lastRevision).toBe(1);
      expect(tmpFiles()).toEqual([]);
      // Even while the first is still being processed (its digest is known from the start).
      const other = await buildSnap({ snapYaml: yaml("dup-snap").replace("'1'", "'2'"), files: { "bin/x": "x" } });
      try {
        const pending = await startUpload(t.db, pub, "dup-snap", fs.createReadStream(other.path));
        expect((await refused(startUpload(t.db, pub, "dup-snap", fs.createReadStream(other.path)))).code).toBe("duplicate-upload");
        await pending.process();
      } finally {
        await other.cleanup();
      }
    } finally {
      await b.cleanup();
    }
  });
});

describe("blob deletion while another upload of the same content is processing", () => {
  it("a withdraw does not delete the blob under a revision still being processed", async () => {
    await registered(t.db, pub, "race-a");
    await registered(t.db, pub2, "race-b");
    const b = await buildSnap({ snapYaml: yaml("race-a", "apps:\n  a:\n    command: bin/x\n    plugs: [snapd-control]\n"), files: { "bin/x": "x" } });
    try {
      const a = await startUpload(t.db, pub, "race-a", fs.createReadStream(b.path));
      expect(await a.process()).toBe("need_manual_review");
      const revA = await t.db.revision.findFirstOrThrow({ where: { uploadId: a.accepted.uploadId } });
      // The same bytes arrive for another snap and are still being processed…
      const other = await startUpload(t.db, pub2, "race-b", fs.createReadStream(b.path));
      const revB = await t.db.revision.findFirstOrThrow({ where: { uploadId: other.accepted.uploadId } });
      expect(revB.status).toBe("being_processed");
      // …their digest is on record from the moment the revision exists…
      expect(revB.sha3_384).toBe(revA.sha3_384);
      // …so withdrawing the first keeps the shared blob.
      await withdrawRevision(t.db, pub, "race-a", revA.revision);
      expect(await store.has(revA.sha3_384!)).toBe(true);
      await other.process();
    } finally {
      await b.cleanup();
    }
  });
});

describe("stalled and parallel bodies", () => {
  it("a body that stops sending is cut off after the idle time, leaving no temp file", async () => {
    const file = path.resolve(__dirname, "../fixtures/snaps/strict.snap");
    const { body } = stalling(file);
    const started = Date.now();
    const e = await refused(stageUploadBody(body, { idleMs: 300 }));
    expect([e.code, e.status]).toEqual(["upload-aborted", 400]);
    expect(e.message).toMatch(/stalled: no data for/);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(tmpFiles()).toEqual([]);
  });

  it("an account has at most N uploads in progress; others are not affected; slots come back", async () => {
    process.env.SNAPSTORE_MAX_CONCURRENT_UPLOADS = "2";
    await registered(t.db, pub, "many-up");
    await registered(t.db, pub2, "many-up-2");
    const file = path.resolve(__dirname, "../fixtures/snaps/strict.snap");
    const stalled = [stalling(file), stalling(file)];
    const running = stalled.map((s) => startUpload(t.db, pub, "many-up", s.body, { idleMs: 60_000 }).catch((e: unknown) => e));
    await new Promise((r) => setTimeout(r, 200));
    const e = await refused(startUpload(t.db, pub, "many-up", Readable.from([Buffer.alloc(10)])));
    expect([e.code, e.status]).toEqual(["too-many-uploads", 429]);
    // Another account still uploads.
    const b = await buildSnap({ snapYaml: yaml("many-up-2"), files: { "bin/x": "x" } });
    try {
      const ok = await startUpload(t.db, pub2, "many-up-2", fs.createReadStream(b.path));
      await ok.process();
    } finally {
      await b.cleanup();
    }
    for (const s of stalled) s.end();
    for (const r of await Promise.all(running)) expect((r as AppError).code).toBe("upload-aborted");
    // The slots are free again: the next refusal is about the bytes, not the count.
    expect((await refused(startUpload(t.db, pub, "many-up", Readable.from([Buffer.alloc(10)])))).code).toBe("not-a-snap");
    expect(tmpFiles()).toEqual([]);
  });
});

describe("the concurrent-upload limit across instances (slots in the database)", () => {
  it("two instances (separate processes, their own clients) share the account's limit", async () => {
    const other = spawn(
      process.execPath,
      [path.resolve("node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", path.resolve(__dirname, "upload-slot-instance.ts"), pub.id, "3", "3"],
      {
        env: { ...process.env, DATABASE_URL: t.url },
        stdio: ["pipe", "pipe", "inherit"],
      },
    );
    const lines = readline.createInterface({ input: other.stdout! })[Symbol.asyncIterator]();
    const holds: { slot: number; release(): Promise<void> }[] = [];
    try {
      expect((await lines.next()).value).toBe("ready");
      // Five claims at once, three here and three in the other instance; limit 3: exactly three win.
      other.stdin!.write("go\n");
      const here = await Promise.all([1, 2, 3].map(() => claimUploadSlot(t.db, pub.id, 3).catch((e: unknown) => e)));
      const there = JSON.parse((await lines.next()).value as string) as (number | string)[];
      holds.push(...here.filter((r): r is { slot: number; release(): Promise<void> } => !(r instanceof Error)));
      const slots = [...holds.map((h) => h.slot), ...there.filter((r): r is number => typeof r === "number")];
      expect(slots.sort()).toEqual([0, 1, 2]);
      for (const r of here.filter((x) => x instanceof Error)) expect([(r as AppError).code, (r as AppError).status]).toEqual(["too-many-uploads", 429]);
      expect(there.filter((r) => typeof r === "string").every((r) => r === "too-many-uploads")).toBe(true);
      // Through the real upload path, this instance is refused too; another account is not.
      process.env.SNAPSTORE_MAX_CONCURRENT_UPLOADS = "3";
      await registered(t.db, pub, "slots-snap");
      expect((await refused(startUpload(t.db, pub, "slots-snap", Readable.from([Buffer.alloc(10)])))).code).toBe("too-many-uploads");
      await (await claimUploadSlot(t.db, pub2.id, 3)).release();
      // The other instance frees its slots: they are free here.
      other.stdin!.write("release\n");
      await new Promise((r) => other.once("exit", r));
      const freed = 3 - holds.length;
      const again = await Promise.all(Array.from({ length: freed }, () => claimUploadSlot(t.db, pub.id, 3)));
      holds.push(...again);
      expect(holds.map((h) => h.slot).sort()).toEqual([0, 1, 2]);
    } finally {
      other.kill();
      for (const h of holds) await h.release();
    }
    expect(await t.db.uploadSlot.count({ where: { userId: pub.id } })).toBe(0);
  });

  it("a slot of a dead instance expires: taken over by another, and removed by the recovery sweep", async () => {
    const other = createDb(t.config);
    try {
      const past = new Date(Date.now() - UPLOAD_SLOT_TTL_MS - 1_000);
      // "Dead" instances claimed both slots long ago and never released them.
      await claimUploadSlot(other, pub2.id, 2, past);
      await claimUploadSlot(other, pub2.id, 2, past);
      const taken = await claimUploadSlot(t.db, pub2.id, 2);
      expect(taken.slot).toBe(0);
      const r = await recoverySweep(t.db, store, { holder: "slots-test", now: new Date(Date.now() + 120_000) });
      // The lease may be held by another test's sweep; whoever holds it removes the expired row.
      if (r.claimed) expect(r.expiredUploadSlots).toBeGreaterThanOrEqual(1);
      else await t.db.uploadSlot.deleteMany({ where: { userId: pub2.id, slot: 1 } });
      expect(await t.db.uploadSlot.findMany({ where: { userId: pub2.id }, select: { slot: true } })).toEqual(r.claimed ? [] : [{ slot: 0 }]);
      await taken.release();
    } finally {
      await other.$disconnect();
    }
  });
});
