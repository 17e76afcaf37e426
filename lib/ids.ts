import crypto from "node:crypto";

const ALPHANUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** 32 random alphanumerics, the shape of the store's snap-ids and publisher ids. */
export function randomAlnum(length = 32): string {
  // Rejection sampling keeps the distribution uniform (256 is not a multiple of 62).
  let out = "";
  while (out.length < length) {
    for (const b of crypto.randomBytes(length * 2)) {
      if (b < 248 && out.length < length) out += ALPHANUM[b % 62];
    }
  }
  return out;
}
