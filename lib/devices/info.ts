/**
 * `snap info [--verbose] NAME` as snap 2.57 prints it (cmd/snap/cmd_info.go), for a snap installed
 * on the device (snapd's /v2/snaps/NAME), one only in the store (/v2/find?name=NAME), or both.
 * Layout, wrapping and sizes follow the CLI's helpers (strutil.WordWrap, WordWrapPadded,
 * SizeToStr, longPublisher with --unicode=always, no colour); compared byte for byte with the real
 * command in test/snapd/cli-views.test.ts. Pure.
 */
import type { InstallMode, Publisher } from "./model";
import { tabwrite, type TabwriterOptions } from "./tabwriter";
import { humanTime } from "./views";

/** cmd_info.go: `tabwriter.NewWriter(Stdout, 2, 2, 1, ' ', 0)`. */
const INFO_TABWRITER: TabwriterOptions = { minwidth: 2, padding: 1 };
/** termSize() is 80 columns when stdout is not a terminal and COLUMNS is unset; info takes 3 off. */
export const INFO_TERM_WIDTH = 77;
const DASH = "–";
const UPARROW = "↑";

/** One released channel of the store's channel map (snap.ChannelSnapInfo). */
export interface InfoChannelRelease {
  version: string;
  revision: number;
  confinement: string;
  size: number;
  releasedAt?: Date;
}

export interface InfoApp {
  name: string;
  /** Set for services (snap's app.IsService()). */
  daemon?: string;
}

/** What snapd knows of the snap (client.Snap): the store's answer or the installed revision's. */
export interface InfoSnap {
  name: string;
  snapId: string;
  summary: string;
  description: string;
  license?: string;
  contact?: string;
  storeUrl?: string;
  publisher: Publisher;
  private: boolean;
  confinement: string;
  type?: string;
  base?: string;
  apps?: InfoApp[];
}

export interface InfoRemote extends InfoSnap {
  /** Tracks in the store's order. */
  tracks: string[];
  /** Only channels with a release of their own ("latest/stable"); the others print ↑ or –. */
  channels: Record<string, InfoChannelRelease>;
}

export interface InfoLocal extends InfoSnap {
  version: string;
  revision: number;
  mode: InstallMode;
  tracking: string;
  installDate?: Date;
  installedSize: number;
}

const isSpace = (c: string) => /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/.test(c);

/** strutil.WordWrap: `indent` on the first line, `indent2` on the others; widths in runes. */
export function wordWrap(text: string[], indent: string, indent2: string, termWidth: number): string {
  const indentWidth = Array.from(indent).length;
  let delta = indentWidth - Array.from(indent2).length;
  let width = Math.max(termWidth - indentWidth, 1);
  let out = "";
  while (text.length > width) {
    let idx = -1;
    for (let i = width; i >= 0; i--)
      if (isSpace(text[i])) {
        idx = i;
        break;
      }
    if (idx < 0) idx = width;
    out += `${indent}${text.slice(0, idx).join("")}\n`;
    while (idx < text.length && isSpace(text[idx])) idx++;
    text = text.slice(idx);
    width += delta;
    indent = indent2;
    delta = 0;
  }
  return `${out}${indent}${text.join("")}\n`;
}

const trimRightSpace = (s: string) => {
  const r = Array.from(s);
  while (r.length && isSpace(r[r.length - 1])) r.pop();
  return r;
};

/** printDescr: each line wrapped keeping its own indent (given up past half the width). */
export function describe(descr: string, termWidth = INFO_TERM_WIDTH): string {
  return trimRightSpace(descr)
    .join("")
    .split("\n")
    .map((line) => {
      const text = trimRightSpace(line);
      let idx = 0;
      while (idx < text.length && isSpace(text[idx])) idx++;
      let indent = "  " + text.slice(0, idx).join("");
      // Go's len() counts bytes here.
      if (Buffer.byteLength(indent) > termWidth / 2) indent = "    ";
      return wordWrap(text.slice(idx), indent, indent, termWidth);
    })
    .join("");
}

/** Go's strconv.Quote for the text snap quotes. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === "\\") out += `\\${ch}`;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\t") out += "\\t";
    else if (ch === "\r") out += "\\r";
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, "0")}`;
    else if ((c >= 0x80 && c < 0xa0) || c === 0xad || c === 0x2028 || c === 0x2029 || c === 0xfeff) out += `\\u${c.toString(16).padStart(4, "0")}`;
    else out += ch;
  }
  return out + '"';
}

/**
 * Whether yaml.v2 fails on `s: <raw>` decoded into a string, the test quotedIfNeeded makes. The
 * failing shapes: flow collections and reserved indicators first, unterminated or trailing quoted
 * scalars, block scalars with text on the header line, bad anchors, block entries and ": " (or a
 * trailing ":") before any comment, control characters. Checked against yaml.v2 itself in
 * test/snapd/cli-views.test.ts.
 */
export function yamlRejects(s: string): boolean {
  if (s === "") return false;
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s)) return true;
  const first = s[0];
  if ("@`%*,]}[{".includes(first)) return true;
  if (first === "'") return !/^'(?:[^']|'')*'\s*(?:#.*)?$/.test(s);
  if (first === '"') return !/^"(?:[^"\\]|\\["\\/0abtnvfre N_LP]|\\x[0-9a-fA-F]{2}|\\u[0-9a-fA-F]{4}|\\U[0-9a-fA-F]{8})*"\s*(?:#.*)?$/.test(s);
  if (first === "|" || first === ">") return !/^[|>][-+0-9]*\s*(?:#.*)?$/.test(s);
  if (first === "&") {
    const m = /^&[0-9A-Za-z_-]+/.exec(s);
    return !m || yamlRejects(s.slice(m[0].length).trimStart());
  }
  if (first === "!") return yamlRejects(s.replace(/^!\S*/, "").trimStart());
  if (/^[-?:](\s|$)/.test(s)) return true;
  const hash = s.search(/\s#/);
  return /:(\s|$)/.test(hash < 0 ? s : s.slice(0, hash));
}

/** quotedIfNeeded: the trimmed text, Go-quoted when it would not read back as YAML. */
export function quotedIfNeeded(raw: string): string {
  const s = raw.trim();
  if (!s) return '""';
  return yamlRejects(s) ? goQuote(s) : s;
}

/** snapd's strutil.SizeToStr: integer division, 1999 is "1kB". */
export function sizeToStr(size: number): string {
  let s = Math.max(0, Math.trunc(size));
  for (const suffix of ["B", "kB", "MB", "GB", "TB", "PB"]) {
    if (s < 1000) return `${s}${suffix}`;
    s = Math.trunc(s / 1000);
  }
  return `${s}EB`;
}

/** longPublisher with --unicode=always and no colour. */
export function longPublisher(p: Publisher): string {
  const badge = p.validation === "verified" ? "✓" : p.validation === "starred" ? "✪" : "";
  if (p.username.replaceAll("-", " ").toLowerCase() === p.displayName.toLowerCase()) return `${p.displayName}${badge}`;
  return `${p.displayName} (${p.username}${badge})`;
}

/** Notes: devmode, jailmode, classic, private (the order of cmd/snap/notes.go). */
function notesText(n: { devmode?: boolean; jailmode?: boolean; classic?: boolean; private?: boolean }): string {
  const ns = [n.devmode && "devmode", n.jailmode && "jailmode", n.classic && "classic", n.private && "private"].filter(Boolean);
  return ns.length ? ns.join(",") : "-";
}

const joinSnapApp = (snap: string, app: string) => (snap === app ? snap : `${snap}.${app}`);
const pad2 = (n: number) => String(n).padStart(2, "0");
const ymd = (d: Date) => `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;

/** name … notes: the first two tabwriter blocks (health is flushed on its own). */
function headBlocks(the: InfoSnap, local: InfoLocal | null, verbose: boolean): string[] {
  const first = `name:\t${the.name}\n` + wordWrap(Array.from(quotedIfNeeded(the.summary)), "summary:\t", "  ", INFO_TERM_WIDTH);
  const blocks: string[] = [];
  let text = first;
  if (local && verbose) {
    // No health check ever ran on a simulated device: snap prints snapd's "unknown".
    text += "health:\n  status:\tunknown\n" + wordWrap(Array.from("health has not been set"), "  message:\t", "    ", INFO_TERM_WIDTH);
    blocks.push(text);
    text = "";
  }
  text += `publisher:\t${longPublisher(the.publisher)}\n`;
  if (the.storeUrl) text += `store-url:\t${the.storeUrl}\n`;
  const contact = (the.contact ?? "").replace(/^mailto:/, "");
  if (contact) text += `contact:\t${contact}\n`;
  text += `license:\t${the.license || "unset"}\n`;
  text += "description: |\n" + describe(the.description);
  const commands = (the.apps ?? []).filter((a) => !a.daemon).map((a) => `  - ${joinSnapApp(the.name, a.name)}\n`);
  if (commands.length) text += "commands:\n" + commands.join("");
  const services = (the.apps ?? []).filter((a) => a.daemon).map((a) => `  ${joinSnapApp(the.name, a.name)}:\t${a.daemon}, enabled, active\n`);
  if (services.length) text += "services:\n" + services.join("");
  if (verbose) {
    text += `notes:\t\n  private:\t${the.private}\n  confinement:\t${the.confinement}\n`;
    if (local) {
      text += `  devmode:\t${local.mode === "devmode"}\n  jailmode:\t${local.mode === "jailmode"}\n  trymode:\tfalse\n`;
      text += "  enabled:\ttrue\n  broken:\tfalse\n  ignore-validation:\tfalse\n";
    }
  }
  blocks.push(text);
  return blocks;
}

interface ChanLine {
  indent: string;
  name: string;
  version: string;
  released: string;
  revision: string;
  size: string;
  notes: string;
}

/** maybePrintChinfo: the remote channel map (tabbed) then the installed line. */
function channelLines(remote: InfoRemote | null, local: InfoLocal | null): { header: boolean; tabbed: boolean; lines: string[] } {
  const chans: ChanLine[] = [];
  for (const track of remote?.tracks ?? []) {
    let open = false;
    for (const risk of ["stable", "candidate", "beta", "edge"]) {
      const name = `${track}/${risk}`;
      const ch = remote!.channels[name];
      if (!ch) {
        chans.push({ indent: "  ", name, version: open ? UPARROW : DASH, released: "", revision: "", size: "", notes: "" });
        continue;
      }
      open = true;
      const notes = notesText({ devmode: ch.confinement === "devmode", classic: ch.confinement === "classic" });
      chans.push({
        indent: "  ",
        name,
        version: ch.version,
        released: ch.releasedAt ? ymd(ch.releasedAt) : "",
        revision: `(${ch.revision})`,
        size: sizeToStr(ch.size),
        notes,
      });
    }
  }
  const header = chans.length > 0;
  if (local) {
    const notes = notesText({
      devmode: local.mode === "devmode",
      jailmode: local.mode === "jailmode",
      classic: local.mode !== "jailmode" && local.confinement === "classic",
      private: local.private,
    });
    chans.push({
      indent: "",
      name: "installed",
      version: local.version,
      released: "",
      revision: `(${local.revision})`,
      size: sizeToStr(local.installedSize),
      notes,
    });
  }
  const revLen = Math.max(0, ...chans.map((c) => c.revision.length));
  const sizeLen = Math.max(0, ...chans.map((c) => c.size.length));
  const tabbed = remote !== null;
  const lines = chans.map((c) => {
    const rev = c.revision.padStart(revLen);
    const size = c.size.padStart(sizeLen);
    return tabbed
      ? `${c.indent}${c.name}:\t${c.version}\t${c.released}\t${rev}\t${size}\t${c.notes}\n`
      : `${c.indent}${c.name}:\t${c.version} ${c.released}${rev} ${size} ${c.notes}\n`;
  });
  return { header, tabbed, lines };
}

/**
 * `snap info [--verbose] NAME`; `local` is the device's install (null when not installed), `remote`
 * what the store answers (null when it does not show the snap). Both null is snap's error.
 */
export function snapInfo(local: InfoLocal | null, remote: InfoRemote | null, now: Date, verbose = true): { stdout: string; stderr: string } {
  const the = local ?? remote;
  if (!the) return { stdout: "", stderr: "" };
  const blocks = headBlocks(the, local, verbose);
  let tail = "";
  if (the.type && the.type !== "app" && the.type !== "application") tail += `type:\t${the.type === "os" ? "core" : the.type}\n`;
  if (verbose && the.base) tail += `base:\t${the.base}\n`;
  if (the.snapId) tail += `snap-id:\t${the.snapId}\n`;
  if (local?.tracking) tail += `tracking:\t${local.tracking}\n`;
  if (local?.installDate) tail += `refresh-date:\t${humanTime(local.installDate, now)}\n`;
  const ch = channelLines(remote, local);
  if (ch.tabbed) {
    blocks.push(tail);
    tail = "";
  }
  tail += (ch.header ? "channels:\n" : "") + ch.lines.join("");
  blocks.push(tail);
  return { stdout: blocks.map((b) => tabwrite(b, INFO_TABWRITER)).join(""), stderr: "" };
}
