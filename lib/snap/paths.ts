/**
 * Path helpers with Go's semantics, for the snap.yaml rules snapd states with them: filepath.Clean,
 * os.Expand ($VAR and ${VAR}), and the $SNAP variables of a snap that is not installed yet
 * (snapd's Info.ExpandSnapVariables with an unset revision). Pure.
 */

/** Go's path/filepath.Clean on a slash-separated path. */
export function cleanPath(p: string): string {
  if (p === "") return ".";
  const rooted = p.startsWith("/");
  const out: string[] = [];
  for (const part of p.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (out.length > 0 && out[out.length - 1] !== "..") out.pop();
      else if (!rooted) out.push("..");
      continue;
    }
    out.push(part);
  }
  const joined = out.join("/");
  if (rooted) return "/" + joined;
  return joined === "" ? "." : joined;
}

const isSpecial = (c: string) => "*#$@!?-0123456789".includes(c);
const isAlnum = (c: string) => /^[A-Za-z0-9_]$/.test(c);

/** Go's os.getShellName: the variable name after a '$' and how many bytes it takes. */
function shellName(s: string): [string, number] {
  if (s[0] === "{") {
    if (s.length > 2 && isSpecial(s[1]) && s[2] === "}") return [s[1], 3];
    for (let i = 1; i < s.length; i++) {
      if (s[i] === "}") return i === 1 ? ["", 2] : [s.slice(1, i), i + 1];
    }
    return ["", 1];
  }
  if (isSpecial(s[0])) return [s[0], 1];
  let i = 0;
  while (i < s.length && isAlnum(s[i])) i++;
  return [s.slice(0, i), i];
}

/** Go's os.Expand. */
export function goExpand(s: string, mapping: (name: string) => string): string {
  let out = "";
  let i = 0;
  for (let j = 0; j < s.length; j++) {
    if (s[j] === "$" && j + 1 < s.length) {
      out += s.slice(i, j);
      const [name, w] = shellName(s.slice(j + 1));
      if (name === "" && w > 0) {
        // invalid syntax: the characters are dropped
      } else if (name === "") out += "$";
      else out += mapping(name);
      j += w;
      i = j + 1;
    }
  }
  return out + s.slice(i);
}

/** $SNAP, $SNAP_DATA and $SNAP_COMMON of a snap before installation (revision "unset"); others expand to "". */
export function expandSnapVariables(snapName: string, p: string): string {
  return goExpand(p, (v) => {
    if (v === "SNAP") return cleanPath(`/snap/${snapName}/unset`);
    if (v === "SNAP_DATA") return cleanPath(`/var/snap/${snapName}/unset`);
    if (v === "SNAP_COMMON") return cleanPath(`/var/snap/${snapName}/common`);
    return "";
  });
}

/** snapd ValidatePathVariables: only $SNAP, $SNAP_DATA and $SNAP_COMMON may appear. */
export function pathVariablesProblem(p: string): string | null {
  let rest = p;
  for (;;) {
    const start = rest.indexOf("$");
    if (start < 0) return null;
    rest = rest.slice(start + 1);
    let end = 0;
    while (end < rest.length && /[a-zA-Z_]/.test(rest[end])) end++;
    const v = rest.slice(0, end);
    if (v !== "SNAP" && v !== "SNAP_DATA" && v !== "SNAP_COMMON") return `reference to unknown variable ${JSON.stringify("$" + v)}`;
    rest = rest.slice(end);
  }
}

/** AppArmor's reserved characters (snapd apparmor.ValidateNoAppArmorRegexp). */
export function hasAppArmorChars(s: string): boolean {
  return /[?*[\]{}^"\x00]/.test(s);
}
