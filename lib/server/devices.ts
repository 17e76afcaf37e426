import "server-only";
// A user's (simulated) devices.
import type { Db } from "@/lib/db/client";
import type { Actor } from "./ownership";

/** The actor's own devices, by name, with how many snaps each has. */
export function listDevices(db: Db, actor: Actor) {
  return db.device.findMany({ where: { ownerId: actor.id }, include: { _count: { select: { snaps: true } } }, orderBy: { name: "asc" } });
}
