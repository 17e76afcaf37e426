import "server-only";
// An admin's revocation of a grant.
import type { Db } from "@/lib/db/client";
import type { DeclarationInput } from "@/lib/assertions/declaration";
import type { RevokeInput } from "@/lib/schemas/review";
import { audit } from "../audit";
import { issueSnapDeclaration } from "../assertions";
import { refusal } from "../explain";
import { isAdmin, type Actor } from "../ownership";
import { currentDeclaration } from "../revisions";
import { removePlugGrant } from "./decisions";
import { notify } from "./notifications";

/**
 * Revokes "classic" or "<grant>:<interface>" from a snap (admins; reason required by the schema):
 * a new snap-declaration revision (the record devices see), the audit entry and the owner's
 * notification in one transaction. Without the classic grant the snap's classic revisions can no
 * longer be released (releases check the grant).
 */
export async function revokeGrant(
  db: Db,
  actor: Actor,
  name: string,
  input: RevokeInput,
): Promise<{ name: string; grant: string; declarationRevision: number }> {
  if (!isAdmin(actor)) throw refusal("forbidden", { needs: ["admin"], role: actor.role });
  const snap = await db.snap.findUnique({ where: { name }, include: { owner: true } });
  if (!snap) throw refusal("snap-not-found", { name });
  const [kind, iface] = input.grant.split(":") as [string, string | undefined];
  return db.$transaction(async (tx) => {
    const current = await currentDeclaration(tx, snap.id);
    let rules: DeclarationInput;
    if (kind === "classic") {
      const res = await tx.snap.updateMany({ where: { id: snap.id, classicGranted: true }, data: { classicGranted: false } });
      if (res.count === 0) throw refusal("grant-not-found", { name, grant: input.grant });
      rules = { plugs: (current?.plugs ?? {}) as Record<string, unknown>, slots: (current?.slots ?? {}) as Record<string, unknown> };
    } else {
      const key = `allow-${kind}`;
      const next = removePlugGrant(current, iface!, key);
      if (!next) throw refusal("grant-not-found", { name, grant: input.grant });
      rules = next;
    }
    const decl = await issueSnapDeclaration(tx, snap.id, rules, actor.id);
    await audit(tx, {
      actorId: actor.id,
      action: "snap.revoke",
      targetType: "snap",
      targetId: snap.id,
      data: { name, grant: input.grant, reason: input.reason, declarationRevision: decl.revision },
    });
    await notify(tx, snap.owner.userId, null, "revoked", `The ${input.grant} grant of ${name} was revoked: ${input.reason}`);
    return { name, grant: input.grant, declarationRevision: decl.revision };
  });
}
