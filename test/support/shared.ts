// ../shared beside the repository holds test material that is not ours to copy into the project
// (snapd's snap.yaml corpus, captured Store API responses). It is found relative to the
// repository, never by an absolute path; tests that need it skip with a message when it is absent,
// so `npm test` passes on a clone in any folder. SNAPSTORE_SHARED_DIR points elsewhere.
import fs from "node:fs";
import path from "node:path";

const repoRoot = path.resolve(import.meta.dirname, "../..");

export const SHARED_DIR = path.resolve(process.env.SNAPSTORE_SHARED_DIR ?? path.join(repoRoot, "..", "shared"));

/** Absolute path of a file or folder under ../shared, or null when it is not there. */
export function sharedPath(...parts: string[]): string | null {
  const p = path.join(SHARED_DIR, ...parts);
  return fs.existsSync(p) ? p : null;
}

/** snapd's 383 real snap.yaml files (test data only), or null. */
export const CORPUS_DIR = sharedPath("corpus", "snapd-snap-yaml");

/** Says once why a suite that needs ../shared is skipped; returns whether it is available. */
export function requireShared(what: string, p: string | null): p is string {
  if (!p) console.warn(`skipped: ${what} needs ${SHARED_DIR}, which is not beside this clone`);
  return p !== null;
}

/** The corpus files as [file name, text], sorted; [] when the corpus is absent. */
export function corpusFiles(): [string, string][] {
  if (!CORPUS_DIR) return [];
  return fs
    .readdirSync(CORPUS_DIR)
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((f) => [f, fs.readFileSync(path.join(CORPUS_DIR, f), "utf8")]);
}
