import "server-only";
import type { Db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { randomAlnum } from "@/lib/ids";
import { isValidSnapName } from "@/lib/snap/snap-yaml";
import { STORE_ROUTE_NAMES } from "@/lib/vocabulary";
import type { RegisterNameInput } from "@/lib/schemas/names";
import { audit } from "./audit";
import { refusal } from "./explain";
import { publisherAccountOf, type Actor } from "./ownership";

export interface RegisteredName {
  name: string;
  snapId: string;
  /** "registered": usable at once; "pending-review": a reserved name, uploads refused until approved. */
  status: "registered" | "pending-review";
  /** The ReviewRequest (type "name") when pending. */
  requestId: string | null;
}

/** A name someone has: "already yours" when it is the caller's own (no need to choose another). */
function takenRefusal(name: string, own: boolean) {
  return own ? refusal("name-already-yours", { name }) : refusal("name-taken", { name });
}

/**
 * Registers a snap name for the actor's publisher account. 400 invalid-name (the rule), 409
 * name-taken; a name on the admin's ReservedName list is created with nameStatus pending_review
 * plus a ReviewRequest of type "name".
 */
export async function registerSnapName(db: Db, actor: Actor, input: RegisterNameInput): Promise<RegisteredName> {
  const name = input.name.trim();
  if (!isValidSnapName(name)) throw refusal("invalid-name", { name });
  if (STORE_ROUTE_NAMES.includes(name)) throw refusal("name-is-store-route", { name });
  const account = await publisherAccountOf(db, actor);
  const existing = await db.snap.findUnique({ where: { name }, select: { ownerId: true } });
  if (existing) throw takenRefusal(name, existing.ownerId === account.id);
  const reserved = await db.reservedName.findUnique({ where: { name } });
  try {
    return await db.$transaction(async (tx) => {
      const snap = await tx.snap.create({
        data: {
          snapId: randomAlnum(32),
          name,
          ownerId: account.id,
          nameStatus: reserved ? "pending_review" : "active",
          categories: [],
        },
      });
      let requestId: string | null = null;
      if (reserved) {
        const req = await tx.reviewRequest.create({
          data: {
            snapId: snap.id,
            type: "name",
            reasoning: `Registration of the reserved name "${name}" (reserved: ${reserved.reason}).`,
            requesterId: actor.id,
          },
        });
        requestId = req.id;
      }
      await audit(tx, {
        actorId: actor.id,
        action: "snap.register",
        targetType: "snap",
        targetId: snap.id,
        data: { name, snapId: snap.snapId, reserved: Boolean(reserved) },
      });
      return { name, snapId: snap.snapId, status: reserved ? ("pending-review" as const) : ("registered" as const), requestId };
    });
  } catch (err) {
    if (isUniqueViolation(err)) {
      const winner = await db.snap.findUnique({ where: { name }, select: { ownerId: true } });
      throw takenRefusal(name, winner?.ownerId === account.id);
    }
    throw err;
  }
}
