import "server-only";
// `fetch-assertions` actions of POST /v2/snaps/refresh (snapd 2.57, store/store_action.go): snapd
// groups the assertions it wants refreshed (snap-declarations, accounts, account-keys,
// snap-revisions; validation-sets by sequence) under a grouping `key` and expects, per grouping,
// one result {result: "fetch-assertions", key, assertion-stream-urls, error-list}. It then GETs
// every stream URL (Accept: application/x.ubuntu.assertion) and adds what it reads to its database;
// a grouping with any error-list entry is reported as errors instead (its URLs are not read).
// The stream URLs are this store's own GET /v2/assertions/{type}/{key…} (one assertion each).
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { findAssertion } from "./assertions";

export interface FetchAssertionsAction {
  action: "fetch-assertions";
  key?: unknown;
  assertions?: unknown;
}

interface ErrorEntry {
  code: string;
  message: string;
  type: string;
  "primary-key"?: string[];
  "sequence-key"?: string[];
}

const strings = (v: unknown): string[] | null =>
  Array.isArray(v) && v.length <= 8 && v.every((s) => typeof s === "string" && s.length <= 200) ? (v as string[]) : null;

/** The `revision:` header of an encoded assertion (0 when absent, as in snapd). */
export function assertionRevision(text: string): number {
  const head = text.slice(0, text.indexOf("\n\n") >= 0 ? text.indexOf("\n\n") : text.length);
  const m = /^revision: (\d+)$/m.exec(head);
  return m ? Number(m[1]) : 0;
}

/** One grouping's result: stream URLs of the assertions newer than the device's, or the errors. */
async function fetchGroup(db: Db, base: string, a: FetchAssertionsAction, maxFormats: Record<string, unknown>): Promise<Record<string, unknown>> {
  const urls: string[] = [];
  const errors: ErrorEntry[] = [];
  const wanted = Array.isArray(a.assertions) ? a.assertions.slice(0, 1000) : [];
  for (const raw of wanted) {
    const at = (raw ?? {}) as Record<string, unknown>;
    const type = typeof at.type === "string" ? at.type.slice(0, 60) : "";
    const seq = strings(at["sequence-key"]);
    if (seq) {
      // Sequence-forming assertions (validation-set) are not issued by this store.
      errors.push({ code: "not-found", message: `not found: this store serves no ${type} assertions`, type, "sequence-key": seq });
      continue;
    }
    const key = strings(at["primary-key"]) ?? [];
    const maxFormat = typeof maxFormats[type] === "number" ? String(maxFormats[type]) : null;
    try {
      const text = await findAssertion(db, type, key, maxFormat);
      const newerThan = typeof at["if-newer-than"] === "number" ? at["if-newer-than"] : null;
      // Nothing to say when the device has this revision already (no URL, no error).
      if (newerThan !== null && assertionRevision(text) <= newerThan) continue;
      urls.push(`${base}/v2/assertions/${[type, ...key].map(encodeURIComponent).join("/")}${maxFormat ? `?max-format=${maxFormat}` : ""}`);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      errors.push({ code: err.code, message: err.message, type, "primary-key": key });
    }
  }
  return { result: "fetch-assertions", key: typeof a.key === "string" ? a.key : "", "assertion-stream-urls": urls, "error-list": errors };
}

/** The results of every fetch-assertions action of a request, in request order. */
export async function fetchAssertionsResults(db: Db, base: string, actions: FetchAssertionsAction[], maxFormats: unknown): Promise<Record<string, unknown>[]> {
  const formats = maxFormats && typeof maxFormats === "object" ? (maxFormats as Record<string, unknown>) : {};
  const out: Record<string, unknown>[] = [];
  for (const a of actions.slice(0, 200)) out.push(await fetchGroup(db, base, a, formats));
  return out;
}
