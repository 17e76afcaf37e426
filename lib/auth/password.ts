import bcrypt from "bcryptjs";

// bcryptjs is pure JavaScript: no native build on install. Cost 10 is ~70 ms here.
const COST = 10;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

let dummy: Promise<string> | null = null;

/**
 * Checks a password against the account's hash, or against a throwaway hash when there is no such
 * account, so that an unknown email costs the same time (and gets the same answer) as a wrong password.
 */
export async function verifyPasswordOrDummy(password: string, hash: string | null | undefined): Promise<boolean> {
  const ok = await verifyPassword(password, hash ?? (await (dummy ??= hashPassword(crypto.randomUUID()))));
  return Boolean(hash) && ok;
}
