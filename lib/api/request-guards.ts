import "server-only";
// Checks the JSON route wrapper (and the proxy, for server actions) runs before any work: a body
// cap counted on the stream, the content type, and the Origin of cookie-authenticated mutations.
import { refusal } from "@/lib/server/explain";
import { foreignOrigin } from "./origin";

export { hasSessionCookie, isMutation } from "./origin";

/** Every JSON body the API accepts fits in this (the largest real one is a listing of a few KB). */
export const JSON_BODY_LIMIT = 1_000_000;

/** `application/json` or any `application/*+json`, with parameters (charset) allowed. */
export function isJsonContentType(value: string | null): boolean {
  const type = (value ?? "").split(";")[0].trim().toLowerCase();
  return type === "application/json" || (type.startsWith("application/") && type.endsWith("+json"));
}

/**
 * Reads a JSON body, refusing it with 415 unless it says it is JSON (a cross-site form or
 * `text/plain` fetch cannot send that without a CORS preflight) and with 413 as soon as it goes
 * over `limit`: a declared Content-Length over the limit is refused before a byte is read, and the
 * stream is counted and cancelled otherwise, so memory never holds more than the limit.
 */
export async function readJsonBody(req: Request, limit = JSON_BODY_LIMIT): Promise<unknown> {
  const contentType = req.headers.get("content-type");
  if (!isJsonContentType(contentType)) throw refusal("unsupported-content-type", { contentType: contentType ?? "", expected: "application/json" });
  const declared = Number(req.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > limit) {
    await req.body?.cancel().catch(() => {});
    throw refusal("body-too-large", { limit });
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (req.body) {
    const reader = req.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel().catch(() => {});
        throw refusal("body-too-large", { limit });
      }
      chunks.push(value);
    }
  }
  const text = Buffer.concat(chunks).toString("utf8");
  try {
    return JSON.parse(text);
  } catch {
    throw refusal("invalid-json", {});
  }
}

/** Refuses (403) a mutation whose browser says it comes from another site (see foreignOrigin). */
export function assertSameOrigin(req: Request): void {
  const origin = foreignOrigin(req);
  if (origin !== null) throw refusal("foreign-origin", { origin });
}
