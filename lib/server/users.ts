import "server-only";
import type { Db, Tx } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import type { Role } from "@/lib/auth/roles";
import { randomAlnum } from "@/lib/ids";
import { audit } from "./audit";
import { refusal } from "./explain";
import { isAdmin, type Actor } from "./ownership";

export interface NewUser {
  email: string;
  password: string;
  role: Role;
  name?: string | null;
  /** Publisher username; defaults to the email's local part for publishers. */
  username?: string | null;
  displayName?: string | null;
  validation?: "unproven" | "verified" | "starred";
}

function defaultUsername(email: string): string {
  return (
    email
      .split("@")[0]
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 30) || "publisher"
  );
}

export async function createUser(db: Db, input: NewUser, actorId: string | null = null) {
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.$transaction((tx) => createUserIn(tx, input, passwordHash, actorId));
  } catch (err) {
    throw takenRefusal(err);
  }
}

function takenRefusal(err: unknown): unknown {
  if (isUniqueViolation(err)) {
    if (isUniqueViolation(err, "username")) return refusal("username-taken", {});
    return refusal("email-taken", {});
  }
  return err;
}

/** Inside the caller's transaction (demo seeding writes every account in one), with the hash made beforehand. */
export async function createUserIn(tx: Tx, input: NewUser, passwordHash: string, actorId: string | null = null) {
  const email = input.email.trim().toLowerCase();
  const needsAccount = input.role === "publisher" || input.role === "admin" || Boolean(input.username);
  const user = await tx.user.create({ data: { email, passwordHash, role: input.role, name: input.name ?? null } });
  if (needsAccount) {
    const username = input.username || defaultUsername(email);
    await tx.account.create({
      data: {
        id: randomAlnum(32),
        userId: user.id,
        username,
        displayName: input.displayName || input.name || username,
        validation: input.validation ?? "unproven",
      },
    });
  }
  await audit(tx, { actorId: actorId ?? user.id, action: "user.create", targetType: "user", targetId: user.id, data: { email, role: input.role } });
  return user;
}

/** The admin page's account list (oldest first, at most `take`), with publisher accounts. */
export async function listUsers(db: Db, actor: Actor, take = 200) {
  if (!isAdmin(actor)) throw refusal("forbidden", { needs: ["admin"], role: actor.role });
  return db.user.findMany({ orderBy: { createdAt: "asc" }, include: { account: true }, take });
}

/**
 * Ends every session of the user (the JWTs carry the old version) and, with `revokeTokens`, every
 * API token; in the caller's transaction with its audit entry.
 */
async function endSessions(tx: Tx, userId: string, revokeTokens: boolean) {
  await tx.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
  if (revokeTokens) await tx.apiToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } });
}

/** "Sign out everywhere": every session cookie of the actor stops working, this one included. */
export async function signOutEverywhere(db: Db, actor: Actor): Promise<void> {
  await db.$transaction(async (tx) => {
    await endSessions(tx, actor.id, false);
    await audit(tx, { actorId: actor.id, action: "user.sign-out-everywhere", targetType: "user", targetId: actor.id });
  });
}

/** Changes the actor's password after checking the current one; ends every session and revokes every API token. */
export async function changePassword(db: Db, actor: Actor, input: { currentPassword: string; newPassword: string }): Promise<{ revokedTokens: number }> {
  const user = await db.user.findUniqueOrThrow({ where: { id: actor.id } });
  if (!(await verifyPassword(input.currentPassword, user.passwordHash))) throw refusal("wrong-password", {});
  const passwordHash = await hashPassword(input.newPassword);
  return db.$transaction(async (tx) => {
    const revokedTokens = await tx.apiToken.count({ where: { userId: actor.id, revokedAt: null } });
    // Conditional on the hash read above: two changes at once cannot both win.
    const changed = await tx.user.updateMany({ where: { id: actor.id, passwordHash: user.passwordHash }, data: { passwordHash } });
    if (!changed.count) throw refusal("wrong-password", {});
    await endSessions(tx, actor.id, true);
    await audit(tx, { actorId: actor.id, action: "user.password-change", targetType: "user", targetId: actor.id, data: { revokedTokens } });
    return { revokedTokens };
  });
}

/** Longest reason an admin may give for disabling an account. */
export const DISABLE_REASON_MAX = 500;

/**
 * Disables (with a reason, kept on the account and in the audit entry) or re-enables an account
 * (admins only; not their own, so the store always keeps an admin who can undo it). Disabling ends
 * its sessions and revokes its tokens.
 */
export async function setAccountDisabled(db: Db, actor: Actor, email: string, disabled: boolean, reason?: string | null) {
  if (!isAdmin(actor)) throw refusal("forbidden", { needs: ["admin"], role: actor.role });
  const why = reason?.trim() ?? "";
  if (disabled && !why) throw refusal("invalid-field", { field: "reason", problems: ["Give the reason for disabling the account."] });
  if (why.length > DISABLE_REASON_MAX) throw refusal("invalid-field", { field: "reason", problems: [`At most ${DISABLE_REASON_MAX} characters.`] });
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { email: email.trim().toLowerCase() } });
    if (!user) throw refusal("user-not-found", { email });
    if (disabled && user.id === actor.id) throw refusal("cannot-disable-self", {});
    const updated = await tx.user.update({
      where: { id: user.id },
      data: disabled ? { disabledAt: user.disabledAt ?? new Date(), disabledReason: why } : { disabledAt: null, disabledReason: null },
    });
    if (disabled) await endSessions(tx, user.id, true);
    await audit(tx, {
      actorId: actor.id,
      action: disabled ? "user.disable" : "user.enable",
      targetType: "user",
      targetId: user.id,
      data: disabled ? { email: user.email, reason: why } : { email: user.email },
    });
    return { email: updated.email, disabledAt: updated.disabledAt, disabledReason: updated.disabledReason };
  });
}

export const ACCOUNTS_PAGE_SIZE = 25;

/**
 * The admin accounts page: accounts whose email or publisher username contains `q` (both are
 * stored lower-case, so a lower-cased `contains` matches case-insensitively on both providers),
 * oldest first, one page of ACCOUNTS_PAGE_SIZE, with the total for the pager.
 */
export async function searchAccounts(db: Db, actor: Actor, query: { q?: string; page?: number }) {
  if (!isAdmin(actor)) throw refusal("forbidden", { needs: ["admin"], role: actor.role });
  const q = query.q?.trim().toLowerCase() ?? "";
  const where = q ? { OR: [{ email: { contains: q } }, { account: { is: { username: { contains: q } } } }] } : {};
  const total = await db.user.count({ where });
  const pages = Math.max(1, Math.ceil(total / ACCOUNTS_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.floor(query.page ?? 1)), pages);
  const users = await db.user.findMany({
    where,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    skip: (page - 1) * ACCOUNTS_PAGE_SIZE,
    take: ACCOUNTS_PAGE_SIZE,
    select: {
      id: true,
      email: true,
      role: true,
      createdAt: true,
      disabledAt: true,
      disabledReason: true,
      account: { select: { username: true, validation: true } },
    },
  });
  return { users, total, page, pages, q };
}
