/**
 * The device page's terminal: parses a `snap …` command line the way snap's option parser
 * (go-flags) reads it, with its messages for unknown commands, flags and missing arguments, and
 * completes commands, flags, snap names and plugs. Pure.
 */

export type Command =
  | { cmd: "list"; names: string[] }
  | { cmd: "connections"; name?: string; all: boolean }
  | { cmd: "info"; name: string; verbose: boolean }
  | { cmd: "changes" }
  | { cmd: "install"; name: string; channel: string; classic: boolean; devmode: boolean; jailmode: boolean }
  | { cmd: "remove"; name: string }
  | { cmd: "refresh"; name?: string; channel?: string; classic: boolean; devmode: boolean; jailmode: boolean }
  | { cmd: "revert"; name: string }
  | { cmd: "switch"; name: string; channel: string }
  | { cmd: "connect"; plug: string; slot?: string }
  | { cmd: "disconnect"; plug: string; slot?: string }
  | { cmd: "help" };

export type Parsed = { ok: true; command: Command } | { ok: false; error: string };

export const COMMANDS = [
  "changes",
  "connect",
  "connections",
  "disconnect",
  "help",
  "info",
  "install",
  "list",
  "refresh",
  "remove",
  "revert",
  "switch",
] as const;

const RISK_FLAGS = ["stable", "candidate", "beta", "edge"] as const;

/** The flags each command takes (without the leading --). */
export const FLAGS: Record<(typeof COMMANDS)[number], string[]> = {
  changes: [],
  connect: [],
  connections: ["all"],
  disconnect: [],
  help: [],
  info: ["verbose"],
  install: ["channel=", ...RISK_FLAGS, "classic", "devmode", "jailmode"],
  list: [],
  refresh: ["channel=", ...RISK_FLAGS, "classic", "devmode", "jailmode"],
  remove: [],
  revert: [],
  switch: ["channel=", ...RISK_FLAGS],
};

/** Split like a shell would for simple input: whitespace, with '…' and "…" quoting. */
export function tokenize(line: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quote: string | null = null;
  let has = false;
  for (const ch of line) {
    if (quote) {
      if (ch === quote) quote = null;
      else cur += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      has = true;
    } else if (/\s/.test(ch)) {
      if (has || cur) out.push(cur);
      cur = "";
      has = false;
    } else cur += ch;
  }
  if (has || cur) out.push(cur);
  return out;
}

const USAGE = [
  "Usage: snap <command> [<options>...]",
  "",
  "Commands in this simulated device:",
  "  list, info, connections, changes",
  "  install, remove, refresh, revert, switch",
  "  connect, disconnect",
].join("\n");

export const HELP_TEXT = USAGE;

// eslint-disable-next-line max-lines-per-function -- one case per snap command, in `snap help`'s order, each a few lines of go-flags checks
export function parseCommand(line: string): Parsed {
  let words = tokenize(line.trim());
  if (words[0] === "sudo") words = words.slice(1);
  if (words.length === 0) return { ok: true, command: { cmd: "help" } };
  if (words[0] !== "snap") return { ok: false, error: `${words[0]}: command not found (this terminal runs snap commands)` };
  words = words.slice(1);
  if (words.length === 0) return { ok: true, command: { cmd: "help" } };
  const [name, ...rest] = words;
  if (name === "--help" || name === "-h") return { ok: true, command: { cmd: "help" } };
  if (!(COMMANDS as readonly string[]).includes(name)) return { ok: false, error: `unknown command "${name}", see 'snap help'.` };
  const cmd = name as (typeof COMMANDS)[number];
  const flags = new Map<string, string | true>();
  const args: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const w = rest[i];
    if (w === "--") {
      args.push(...rest.slice(i + 1));
      break;
    }
    if (w.startsWith("--")) {
      const eq = w.indexOf("=");
      const flag = eq < 0 ? w.slice(2) : w.slice(2, eq);
      const takesValue = FLAGS[cmd].includes(`${flag}=`);
      if (!takesValue && !FLAGS[cmd].includes(flag)) return { ok: false, error: `unknown flag \`${flag}'` };
      if (takesValue) {
        const value = eq >= 0 ? w.slice(eq + 1) : rest[++i];
        if (value === undefined) return { ok: false, error: `expected argument for flag \`--${flag}'` };
        flags.set(flag, value);
      } else {
        if (eq >= 0) return { ok: false, error: `bool flag \`--${flag}' cannot have an argument` };
        flags.set(flag, true);
      }
    } else if (w.startsWith("-") && w.length > 1) {
      return { ok: false, error: `unknown flag \`${w.slice(1)}'` };
    } else args.push(w);
  }
  const risks = RISK_FLAGS.filter((r) => flags.has(r));
  if (risks.length + (flags.has("channel") ? 1 : 0) > 1) return { ok: false, error: "Please specify a single channel" };
  const channel = (flags.get("channel") as string | undefined) ?? risks[0];
  const bool = (f: string) => flags.get(f) === true;
  const need = (what: string): Parsed => ({ ok: false, error: `the required argument \`${what}\` was not provided` });
  const tooMany = (): Parsed => ({ ok: false, error: "too many arguments for command" });
  switch (cmd) {
    case "help":
      return { ok: true, command: { cmd: "help" } };
    case "list":
      return { ok: true, command: { cmd: "list", names: args } };
    case "changes":
      return args.length ? tooMany() : { ok: true, command: { cmd: "changes" } };
    case "connections":
      if (args.length > 1) return tooMany();
      if (args[0] && bool("all")) return { ok: false, error: "cannot use --all with snap name" };
      return { ok: true, command: { cmd: "connections", name: args[0], all: bool("all") } };
    case "info":
      if (!args[0]) return need("<snap>");
      return args.length > 1 ? tooMany() : { ok: true, command: { cmd: "info", name: args[0], verbose: bool("verbose") } };
    case "install":
      if (!args[0]) return need("<snap> (at least 1 argument)");
      if (args.length > 1) return { ok: false, error: "a single snap name is needed to specify options" };
      return {
        ok: true,
        command: {
          cmd: "install",
          name: args[0],
          channel: channel ?? "stable",
          classic: bool("classic"),
          devmode: bool("devmode"),
          jailmode: bool("jailmode"),
        },
      };
    case "refresh":
      // Without a name: refresh every snap that has an update (devmode ones excepted), like snapd.
      if (!args[0])
        return {
          ok: true,
          command: { cmd: "refresh", name: undefined, channel, classic: bool("classic"), devmode: bool("devmode"), jailmode: bool("jailmode") },
        };
      if (args.length > 1) return { ok: false, error: "a single snap name must be specified when specifying options" };
      return { ok: true, command: { cmd: "refresh", name: args[0], channel, classic: bool("classic"), devmode: bool("devmode"), jailmode: bool("jailmode") } };
    case "remove":
    case "revert":
      if (!args[0]) return need("<snap>");
      return args.length > 1 ? tooMany() : { ok: true, command: { cmd, name: args[0] } };
    case "switch":
      if (!args[0]) return need("<snap>");
      if (!channel) return { ok: false, error: "nothing to switch; specify --channel (and/or one of --stable, --candidate, --beta, --edge)" };
      return { ok: true, command: { cmd: "switch", name: args[0], channel } };
    case "connect":
    case "disconnect":
      if (!args[0]) return need("<snap>:<plug>");
      return args.length > 2 ? tooMany() : { ok: true, command: { cmd, plug: args[0], slot: args[1] } };
  }
}

export interface CompletionContext {
  /** Installed snap names. */
  installed: string[];
  /** `snap:plug` of installed snaps. */
  plugs: string[];
}

/** Candidates for the last word of `line` (Tab). Returns whole replacement lines. */
export function complete(line: string, ctx: CompletionContext): string[] {
  const endsWithSpace = /\s$/.test(line);
  const words = tokenize(line);
  if (words[0] !== "snap") return "snap".startsWith(words[0] ?? "") ? ["snap "] : [];
  const prefix = endsWithSpace ? "" : (words[words.length - 1] ?? "");
  const done = endsWithSpace ? words : words.slice(0, -1);
  const head = done.join(" ") + (done.length ? " " : "");
  let pool: string[];
  if (done.length === 1) pool = [...COMMANDS];
  else {
    const cmd = done[1] as (typeof COMMANDS)[number];
    if (prefix.startsWith("-")) pool = (FLAGS[cmd] ?? []).map((f) => `--${f}`);
    else if (cmd === "connect" || cmd === "disconnect") pool = ctx.plugs;
    else if (["remove", "refresh", "revert", "switch", "info", "connections", "list"].includes(cmd)) pool = ctx.installed;
    else pool = [];
  }
  return pool.filter((p) => p.startsWith(prefix)).map((p) => `${head}${p}${p.endsWith("=") ? "" : " "}`);
}

/** How snap prints an error: "error: " and continuation lines indented under the message. */
export function errorText(message: string): string {
  return (
    "error: " +
    message
      .split("\n")
      .map((l, i) => (i === 0 || l === "" ? l : `       ${l}`))
      .join("\n") +
    "\n"
  );
}

const wrapPenalty = (w: string) => (/[.,:;]$/.test(w) ? 0 : 64);

/**
 * Go's go/doc/comment line breaking (what snap's `fill` uses through doc.ToText): minimise, over
 * all lines but the last, the squared slack plus a penalty for breaking after a word without
 * punctuation; overflowing lines cost first. A plain dynamic programme finds the same optimum.
 */
export function wrapWords(words: string[], max: number): string[] {
  const n = words.length;
  if (n === 0) return [];
  const total = [0];
  for (const w of words) total.push(total[total.length - 1] + Array.from(w).length + 1);
  type Score = [number, number];
  const weight = (i: number, j: number): Score => {
    const len = total[j] - 1 - total[i];
    if (j === n && len <= max) return [0, 0];
    const p = wrapPenalty(words[j - 1]);
    const v = (max - len) * (max - len);
    return len > max ? [v, p] : [0, v + p];
  };
  const less = (a: Score, b: Score) => a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
  const f: Score[] = [[0, 0]];
  const best: number[] = [-1];
  for (let j = 1; j <= n; j++) {
    let bs: Score | null = null;
    let bi = 0;
    for (let i = 0; i < j; i++) {
      const w = weight(i, j);
      const s: Score = [f[i][0] + w[0], f[i][1] + w[1]];
      if (bs === null || less(s, bs)) {
        bs = s;
        bi = i;
      }
    }
    f.push(bs!);
    best.push(bi);
  }
  const cuts: number[] = [];
  for (let m = n; m > 0; m = best[m]) cuts.unshift(m);
  const lines: string[] = [];
  let start = 0;
  for (const c of cuts) {
    lines.push(words.slice(start, c).join(" "));
    start = c;
  }
  return lines;
}

/** snap's fill(): paragraphs re-wrapped to the terminal (80 columns when not a tty), indented under "error: ". */
export function fill(text: string, indent = 7, columns = 80): string {
  const width = Math.min(columns, 100) - 1 - indent;
  const pad = " ".repeat(indent);
  return text
    .trim()
    .split(/\n\s*\n/)
    .map((para) =>
      wrapWords(para.split(/\s+/).filter(Boolean), width)
        .map((l) => pad + l)
        .join("\n"),
    )
    .join("\n\n")
    .trim();
}
