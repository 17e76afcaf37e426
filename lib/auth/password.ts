import bcrypt from "bcryptjs";

// bcryptjs is pure JavaScript: no native build on install. Cost 10 is ~70 ms here.
const COST = 10;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}
