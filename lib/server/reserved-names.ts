import "server-only";
// The admin's list of reserved snap names (trademarks, well-known projects). Registering one is
// not refused: the snap is created pending review and a "name" request goes to the reviewers.
import type { Db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { isValidSnapName } from "@/lib/snap/snap-yaml";
import type { ReserveNameInput } from "@/lib/schemas/names";
import { audit } from "./audit";
import { refusal } from "./explain";
import { isAdmin, type Actor } from "./ownership";

function requireAdmin(actor: Actor) {
  if (!isAdmin(actor)) throw refusal("forbidden", { needs: ["admin"], role: actor.role });
}

export async function listReservedNames(db: Db, actor: Actor) {
  requireAdmin(actor);
  return db.reservedName.findMany({ orderBy: { name: "asc" } });
}

export async function reserveName(db: Db, actor: Actor, input: ReserveNameInput) {
  requireAdmin(actor);
  const name = input.name.trim();
  if (!isValidSnapName(name)) throw refusal("invalid-name", { name });
  try {
    return await db.$transaction(async (tx) => {
      const row = await tx.reservedName.create({ data: { name, reason: input.reason } });
      await audit(tx, { actorId: actor.id, action: "name.reserve", targetType: "reserved-name", targetId: name, data: { reason: input.reason } });
      return row;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw refusal("already-reserved", { name });
    throw err;
  }
}

export async function unreserveName(db: Db, actor: Actor, name: string): Promise<void> {
  requireAdmin(actor);
  await db.$transaction(async (tx) => {
    const { count } = await tx.reservedName.deleteMany({ where: { name } });
    if (count === 0) throw refusal("not-reserved", { name });
    await audit(tx, { actorId: actor.id, action: "name.unreserve", targetType: "reserved-name", targetId: name });
  });
}
