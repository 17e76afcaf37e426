/**
 * A linear scan of snap.yaml's lines that counts them (MAX_YAML_LINES) and the entries of the big top-level sections
 * (apps, hooks, plugs, slots) before any YAML parsing, so that a snap.yaml with 11,000 apps is
 * refused in milliseconds with a message that names the section ("snap.yaml has 11000 apps; the
 * store accepts at most 1000") rather than by a generic token limit.
 *
 * It reads block style only (`apps:` at column 0, entries on their own lines at one indentation),
 * which is what snapcraft writes; a flow-style section is left to the token limit of yaml-tree.ts
 * and the exact counts of info-snap-yaml.ts. It can only over-count in contrived documents (a
 * multi-line quoted scalar whose continuation lines look like `key:` at the entries' indentation),
 * and only past limits no real snap comes near. Pure.
 */
import { fmtCount, MAX_APPS, MAX_HOOKS, MAX_PLUGS, MAX_SLOTS, MAX_YAML_LINES } from "./limits";

const SECTIONS: Record<string, { limit: number; what: string }> = {
  apps: { limit: MAX_APPS, what: "apps" },
  hooks: { limit: MAX_HOOKS, what: "hooks" },
  plugs: { limit: MAX_PLUGS, what: "plugs" },
  slots: { limit: MAX_SLOTS, what: "slots" },
};

const TOP_KEY = /^([A-Za-z0-9_-]+)[ \t]*:[ \t]*(?:#.*)?$/;
const ENTRY = /^[^\s#'"-][^:#]*:(?:[ \t]|$)|^["'][^"']*["'][ \t]*:(?:[ \t]|$)/;

/** null when every counted section is within its limit, else the refusal message. */
export function precheckSections(text: string): string | null {
  let section: string | null = null;
  let indent = -1;
  let count = 0;
  const finish = (): string | null => {
    if (section && count > SECTIONS[section].limit) {
      const { limit, what } = SECTIONS[section];
      return `snap.yaml has ${fmtCount(count)} ${what}; the store accepts at most ${fmtCount(limit)}`;
    }
    return null;
  };
  let pos = 0;
  let lines = 0;
  while (pos <= text.length) {
    let end = text.indexOf("\n", pos);
    if (end === -1) end = text.length;
    lines++;
    const line = text.slice(pos, end);
    pos = end + 1;
    if (line.length === 0 || line[0] === "#") continue;
    if (line[0] !== " " && line[0] !== "\t") {
      const msg = finish();
      if (msg) return msg;
      const m = TOP_KEY.exec(line);
      section = m && SECTIONS[m[1]] ? m[1] : null;
      indent = -1;
      count = 0;
      continue;
    }
    if (!section) continue;
    let i = 0;
    while (i < line.length && line[i] === " ") i++;
    if (i === line.length || line[i] === "#") continue;
    if (indent === -1) indent = i;
    if (i === indent && ENTRY.test(line.slice(i))) count++;
  }
  // A section over its limit says more to the publisher than the line count, so it comes first.
  return finish() ?? (lines > MAX_YAML_LINES ? `snap.yaml has ${fmtCount(lines)} lines; the store accepts at most ${fmtCount(MAX_YAML_LINES)}` : null);
}
