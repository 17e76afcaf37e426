// The interface policy bugs of the automated review, through the real upload path: real .snap
// files built with mksquashfs, uploaded through the services into a fresh migrated database. Each
// of these snaps used to pass as ready_to_release although snapd 2.57 refuses to install it
// without a snap-declaration.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestDb } from "@/test/support/db";
import type { Actor } from "@/lib/server/ownership";
import { openUploadEnv, registered, uploadYaml as uploadSnapYaml, type UploadEnv } from "./publisher-helpers";

let env: UploadEnv;
let t: TestDb;
let pub: Actor;

beforeAll(async () => {
  env = await openUploadEnv("review-policy");
  ({ t, pub } = env);
});
afterAll(async () => {
  await env.close();
});

const uploadYaml = (name: string, snapYaml: string) => uploadSnapYaml(t.db, pub, name, snapYaml, { "bin/serve": "#!/bin/sh\necho hi\n" });

const yamlWithSlot = (name: string, slot: string) =>
  `name: ${name}\nversion: '1'\nsummary: s\ndescription: d\napps:\n  serve:\n    command: bin/serve\n    daemon: simple\nslots:\n${slot}`;

describe("slots snapd 2.57 only lets declared snaps provide", () => {
  it("a shared-memory slot on an app snap needs manual review", async () => {
    await registered(t.db, pub, "rp-shm");
    const { status, rev } = await uploadYaml("rp-shm", yamlWithSlot("rp-shm", "  buffers:\n    interface: shared-memory\n    write: [rp-shm-buf]\n"));
    expect(status.code).toBe("need_manual_review");
    expect(status.errors.map((e: { code: string }) => e.code)).toEqual(["slot-installation-denied"]);
    const review = rev.review as { sections: { declaration: { error: Record<string, { text: string }> } } };
    expect(review.sections.declaration.error["declaration-snap-v2_slots_installation (buffers)"].text).toContain("shared-memory");
  });

  it.each(["docker", "lxd", "microceph"])("a %s slot needs manual review", async (iface) => {
    const name = `rp-${iface}`;
    await registered(t.db, pub, name);
    const { status } = await uploadYaml(name, yamlWithSlot(name, `  sock:\n    interface: ${iface}\n`));
    expect(status.code).toBe("need_manual_review");
    expect(status.errors.map((e: { code: string }) => e.code)).toEqual(["slot-installation-denied"]);
    expect(status.errors[0].message).toContain(iface);
  });

  it("with a snap-declaration allowing the slot, the same upload is ready to release", async () => {
    const snap = await registered(t.db, pub, "rp-docker-ok");
    await t.db.snapDeclaration.create({
      data: { snapId: snap.id, revision: 1, plugs: {}, slots: { docker: { "allow-installation": true } }, body: "test declaration" },
    });
    const { status } = await uploadYaml("rp-docker-ok", yamlWithSlot("rp-docker-ok", "  sock:\n    interface: docker\n"));
    expect(status.code).toBe("ready_to_release");
    expect(status.errors).toEqual([]);
  });

  it("an unknown slot interface is dropped with a warning, not sent to review", async () => {
    await registered(t.db, pub, "rp-unknown");
    const { status, rev } = await uploadYaml("rp-unknown", yamlWithSlot("rp-unknown", "  thing:\n    interface: not-an-interface\n"));
    expect(status.code).toBe("ready_to_release");
    const review = rev.review as { sections: { security: { warn: Record<string, { text: string }> } } };
    expect(review.sections.security.warn["security-snap-v2_slot_unknown_interface (thing)"].text).toContain("drops it");
  });
});
