// Shared set-up for the publisher-workflow integration tests: users per role and revisions in a
// given state, written through the real services where possible.
import type { Db } from "@/lib/db/client";
import { createUser } from "@/lib/server/users";
import type { Actor } from "@/lib/server/ownership";
import { registerSnapName } from "@/lib/server/registration";
import { allocateRevision } from "@/lib/server/uploads";

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
