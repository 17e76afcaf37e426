/**
 * Reading snap.yaml's YAML into a small tree, with bounded cost, and decoding it the way snapd's
 * yaml.v2 does. Pure: no I/O.
 *
 * Cost: the text is lexed and parsed once with the yaml package's Lexer/Parser while counting
 * tokens and nesting (limits.ts), so a hostile document is refused before it is composed; the
 * composed document is converted once, iteratively bounded by depth, with a Map per mapping
 * (duplicate keys found in linear time, unlike the package's `uniqueKeys` check, which compares
 * every key with every other) and aliases resolved through a Map of anchors (the package's
 * `Alias.resolve` searches the document on every use). Everything after this works on the tree,
 * whose size is bounded by MAX_YAML_NODES even after aliases are expanded.
 *
 * Typing: the document is composed with the failsafe schema (every scalar a string), and scalars
 * are typed here with yaml.v2's YAML 1.1 rules (resolve.go), because that is what snapd decodes:
 * a string field receives a scalar's text (`version: 1.0` is "1.0"), while an attribute
 * (interface{}) receives its typed value (`yes` is true, `1` is an int, `~` is null).
 */
import { Composer, isAlias, isMap, isPair, isScalar, isSeq, Lexer, Parser, type Document, type Node } from "yaml";
import {
  fmtCount,
  MAX_COLLECTION_ENTRIES,
  MAX_SCALAR_CHARS,
  MAX_TEXT_CHARS,
  MAX_YAML_ALIASES,
  MAX_YAML_DEPTH,
  MAX_YAML_NODES,
  MAX_YAML_PARSE_DEPTH,
  MAX_YAML_TOKENS,
} from "./limits";
import { precheckSections } from "./yaml-precheck";

export interface ValidationError {
  field: string;
  message: string;
  /**
   * Set on rules the store adds on top of snapd 2.57's own validation (snap.Validate and what
   * snapd checks when it installs a snap): snapd alone would accept the snap. See validate.ts.
   */
  storeOnly?: true;
}

export type ScalarStyle = "plain" | "quoted" | "block";
export interface YScalar {
  kind: "scalar";
  /** The scalar's content (for a plain scalar, its text as written; quotes and escapes resolved). */
  text: string;
  style: ScalarStyle;
  /** Explicit tag, e.g. "tag:yaml.org,2002:str" for `!!str`. */
  tag?: string;
  line: number;
}
export interface YPair {
  key: YNode;
  value: YNode;
}
export interface YMap {
  kind: "map";
  pairs: YPair[];
  line: number;
  /**
   * Line of a merge key (`<<:`) whose value is not a mapping or a list of mappings. yaml.v2 fails
   * on it only when it decodes this mapping (snapd never decodes keys it does not know), so the
   * decoders report it, not the reader.
   */
  badMerge?: number;
}
export interface YSeq {
  kind: "seq";
  items: YNode[];
  line: number;
}
export type YNode = YScalar | YMap | YSeq;

export interface YamlReading {
  root: YNode | null;
  errors: ValidationError[];
  /** Keys written twice in one mapping (yaml.v2 keeps the last; the store refuses them). */
  duplicates: { key: string; line: number }[];
  /** Problems snapd lets pass but the store refuses (e.g. documents after the first). */
  storeOnly: ValidationError[];
}

/**
 * A refusal of the whole document. Every limit's message ends "the store accepts at most N": those
 * are the store's own rules (snapd has no such limits, or other ones), marked storeOnly; syntax
 * errors and what libyaml refuses are snapd's refusals too.
 */
function refusal(message: string): YamlReading {
  const error: ValidationError = { field: "snap.yaml", message };
  if (/the store accepts at most/.test(message)) error.storeOnly = true;
  return { root: null, errors: [error], duplicates: [], storeOnly: [] };
}

// ---------------------------------------------------------------------------------------------
// Bounded lexing and parsing
// ---------------------------------------------------------------------------------------------

type CstToken = ReturnType<Parser["next"]> extends Generator<infer T> ? T : never;

/**
 * Lex, then parse, refusing past MAX_YAML_TOKENS tokens or MAX_YAML_PARSE_DEPTH nesting. The
 * tokens are counted by a lexing pass of their own, which stops at the limit: a document that is
 * refused costs one partial lexing, never a parse.
 */
function boundedParse(text: string): { tokens: CstToken[] } | { error: string } {
  let count = 0;
  let offset = 0;
  let textChars = 0;
  let afterScalarMark = false;
  const lexemes: string[] = [];
  const lineAt = (o: number) => text.slice(0, o).split("\n").length;
  for (const lexeme of new Lexer().lex(text)) {
    if (++count > MAX_YAML_TOKENS) {
      return {
        error: `snap.yaml is too complex: it has more than ${fmtCount(MAX_YAML_TOKENS)} YAML tokens (the largest snap.yaml in snapd's test suite has under 3,000); the store accepts at most ${fmtCount(MAX_YAML_TOKENS)}`,
      };
    }
    // Scalar text: the lexeme after the lexer's scalar mark (plain and block scalars), or a quoted
    // scalar. Composing it (escapes, folding) is the costly part, so its size is bounded first.
    if (afterScalarMark || lexeme[0] === '"' || lexeme[0] === "'") {
      if (lexeme.length > MAX_SCALAR_CHARS) {
        return {
          error: `snap.yaml line ${lineAt(offset)} has a value of ${fmtCount(lexeme.length)} characters; the store accepts at most ${fmtCount(MAX_SCALAR_CHARS)} (a description has at most 4,096)`,
        };
      }
      textChars += lexeme.length;
      if (textChars > MAX_TEXT_CHARS) {
        return { error: `snap.yaml holds more than ${fmtCount(MAX_TEXT_CHARS)} characters of values; the store accepts at most ${fmtCount(MAX_TEXT_CHARS)}` };
      }
    }
    afterScalarMark = lexeme === "\u001f";
    // The lexer's marks (document, scalar, flow end) are one control character not in the text.
    if (!(lexeme.length === 1 && lexeme < " " && lexeme !== "\n" && lexeme !== "\t" && lexeme !== "\r")) offset += lexeme.length;
    lexemes.push(lexeme);
  }
  const parser = new Parser();
  const tokens: CstToken[] = [];
  for (const lexeme of lexemes) {
    for (const t of parser.next(lexeme)) tokens.push(t);
    if (parser.stack.length > MAX_YAML_PARSE_DEPTH) {
      return { error: `snap.yaml nests too deeply: more than ${MAX_YAML_PARSE_DEPTH} levels; the store accepts at most ${MAX_YAML_DEPTH} levels of nesting` };
    }
  }
  for (const t of parser.end()) tokens.push(t);
  return { tokens };
}

function compose(tokens: CstToken[]): Document.Parsed[] {
  const composer = new Composer({ schema: "failsafe", uniqueKeys: false, version: "1.1" });
  return [...composer.compose(tokens), ...composer.end()];
}

/** Line (1-based) of each offset, by binary search over line starts: linear setup, log lookups. */
function lineIndex(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

// ---------------------------------------------------------------------------------------------
// libyaml compatibility
// ---------------------------------------------------------------------------------------------

/** Find where a quoted scalar that starts at `from` (just after the opening quote) closes; -1 if not on this line. */
function closingQuote(line: string, from: number, quote: string): number {
  for (let i = from; i < line.length; i++) {
    const c = line[i];
    if (quote === '"' && c === "\\") {
      i++;
      continue;
    }
    if (c === quote) {
      if (quote === "'" && line[i + 1] === "'") {
        i++;
        continue;
      }
      return i;
    }
  }
  return -1;
}

/**
 * libyaml (snapd's yaml.v2, PyYAML) accepts a multi-line quoted scalar whose continuation lines
 * are not indented past its key (PyYAML writes `description: '...\n\n'` like that); the yaml
 * package follows the spec strictly. Indenting those lines does not change the value (leading
 * white space of a quoted scalar's continuation lines is folded away).
 */
export function reindentQuotedContinuations(text: string): string {
  const lines = text.split("\n");
  let open: { quote: string; indent: number } | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (open) {
      const ind = /^ */.exec(line)![0].length;
      if (ind <= open.indent) lines[i] = " ".repeat(open.indent + 1 - ind) + line;
      if (closingQuote(lines[i], 0, open.quote) >= 0) open = null;
      continue;
    }
    const m = /^( *)(?:- +)?[^\s#'"][^:#]*:[ \t]+(['"])/.exec(line);
    if (m && closingQuote(line, m[0].length, m[2]) < 0) open = { quote: m[2], indent: m[1].length };
  }
  return lines.join("\n");
}

// ---------------------------------------------------------------------------------------------
// Conversion to the tree
// ---------------------------------------------------------------------------------------------

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

class Converter {
  nodes = 0;
  aliases = 0;
  anchors = new Map<string, { node: YNode; size: number }>();
  duplicates: { key: string; line: number }[] = [];
  error: string | null = null;
  constructor(private readonly line: (offset: number) => number) {}

  private fail(message: string): null {
    this.error ??= message;
    return null;
  }

  /** Count `n` more nodes (aliases count their whole expansion, as yaml.v2 expands them). */
  private spend(n: number): boolean {
    this.nodes += n;
    if (this.nodes > MAX_YAML_NODES) {
      this.fail(
        `snap.yaml has more than ${fmtCount(MAX_YAML_NODES)} YAML nodes (after expanding aliases); the store accepts at most ${fmtCount(MAX_YAML_NODES)}`,
      );
      return false;
    }
    return true;
  }

  /**
   * Recursive, but the depth is bounded: the parser's nesting was checked before composing and
   * MAX_YAML_DEPTH is checked here before descending.
   */
  convert(node: Node | null | undefined, depth: number): YNode | null {
    if (this.error) return null;
    if (depth > MAX_YAML_DEPTH)
      return this.fail(`snap.yaml nests collections more than ${MAX_YAML_DEPTH} levels deep; the store accepts at most ${MAX_YAML_DEPTH}`);
    const start = this.nodes;
    let out: YNode | null;
    if (node === null || node === undefined) {
      if (!this.spend(1)) return null;
      out = { kind: "scalar", text: "", style: "plain", line: 0 };
    } else if (isAlias(node)) {
      if (++this.aliases > MAX_YAML_ALIASES)
        return this.fail(`snap.yaml uses more than ${MAX_YAML_ALIASES} YAML aliases; the store accepts at most ${MAX_YAML_ALIASES}`);
      const target = this.anchors.get(node.source);
      if (!target) return this.fail(`snap.yaml uses the alias *${node.source} before its anchor &${node.source} is defined`);
      if (!this.spend(target.size)) return null;
      return target.node; // shared, not copied: its size was counted
    } else if (isScalar(node)) {
      if (!this.spend(1)) return null;
      out = this.scalar(node);
    } else if (isMap(node) || isSeq(node)) {
      if (!this.spend(1)) return null;
      if (node.items.length > MAX_COLLECTION_ENTRIES) {
        return this.fail(
          `snap.yaml has a ${isMap(node) ? "mapping" : "list"} with ${fmtCount(node.items.length)} entries (line ${this.line(node.range?.[0] ?? 0)}); the store accepts at most ${fmtCount(MAX_COLLECTION_ENTRIES)}`,
        );
      }
      out = isMap(node) ? this.map(node.items as unknown[], node.range?.[0] ?? 0, depth) : this.seq(node.items as Node[], node.range?.[0] ?? 0, depth);
    } else {
      return this.fail("snap.yaml contains a YAML node of an unknown kind");
    }
    if (out === null) return null;
    const anchor = (node as { anchor?: string } | null)?.anchor;
    if (anchor) {
      if (++this.aliases > MAX_YAML_ALIASES)
        return this.fail(`snap.yaml uses more than ${MAX_YAML_ALIASES} YAML anchors and aliases; the store accepts at most ${MAX_YAML_ALIASES}`);
      this.anchors.set(anchor, { node: out, size: this.nodes - start });
    }
    return out;
  }

  private scalar(node: { value: unknown; type?: string; tag?: string; range?: readonly number[] | null }): YScalar {
    const style: ScalarStyle =
      node.type === "QUOTE_DOUBLE" || node.type === "QUOTE_SINGLE"
        ? "quoted"
        : node.type === "BLOCK_LITERAL" || node.type === "BLOCK_FOLDED"
          ? "block"
          : "plain";
    const s: YScalar = {
      kind: "scalar",
      text: typeof node.value === "string" ? node.value : String(node.value ?? ""),
      style,
      line: this.line(node.range?.[0] ?? 0),
    };
    // Only an escape (\ud800) can make a lone surrogate; libyaml refuses it as an invalid character.
    if (LONE_SURROGATE.test(s.text)) this.fail(`snap.yaml line ${s.line}: a string contains an invalid Unicode character (a lone surrogate escape)`);
    if (node.tag) s.tag = node.tag;
    return s;
  }

  private seq(items: Node[], offset: number, depth: number): YSeq | null {
    const out: YNode[] = [];
    for (const item of items) {
      const c = this.convert(item, depth + 1);
      if (c === null) return null;
      out.push(c);
    }
    return { kind: "seq", items: out, line: this.line(offset) };
  }

  private map(items: unknown[], offset: number, depth: number): YMap | null {
    const pairs: YPair[] = [];
    const seen = new Set<string>();
    let badMerge: number | undefined;
    for (const item of items) {
      if (!isPair(item)) return this.fail("snap.yaml contains a malformed mapping entry");
      const key = this.convert(item.key as Node | null, depth + 1);
      const value = key && this.convert(item.value as Node | null, depth + 1);
      if (key === null || value === null) return null;
      if (key.kind === "scalar") {
        if (key.style === "plain" && key.text === "<<" && !key.tag) {
          const merged = this.merge(pairs, value);
          if (merged === null) return null;
          if (!merged) badMerge ??= key.line;
          continue;
        }
        if (seen.has(key.text)) this.duplicates.push({ key: key.text, line: key.line });
        seen.add(key.text);
      }
      pairs.push({ key, value });
    }
    const m: YMap = { kind: "map", pairs, line: this.line(offset) };
    if (badMerge !== undefined) m.badMerge = badMerge;
    return m;
  }

  /**
   * yaml.v2 merge keys (`<<: *base` or `<<: [*a, *b]`): the merged entries take this position.
   * false when the value cannot be merged; null when the node budget is spent.
   */
  private merge(pairs: YPair[], value: YNode): boolean | null {
    const sources = value.kind === "seq" ? value.items : [value];
    if (sources.some((src) => src.kind !== "map")) return false;
    for (const src of sources as YMap[]) {
      if (!this.spend(src.pairs.length)) return null;
      pairs.push(...src.pairs);
    }
    return true;
  }
}

/** Characters libyaml refuses anywhere in a document (it allows tab, LF, CR, NEL and printable Unicode). */
const CONTROL_CHAR = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]/;

/**
 * Read a YAML document with bounded cost. Refusals (syntax errors, limits) come back as a single
 * `snap.yaml` error and no tree. An empty document gives `root: null` and no error.
 */
export function readYaml(input: string): YamlReading {
  const control = CONTROL_CHAR.exec(input);
  if (control) {
    const line = input.slice(0, control.index).split("\n").length;
    return refusal(
      `snap.yaml line ${line} contains the control character U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}; YAML does not allow it`,
    );
  }
  // libyaml reads NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR as line breaks; the yaml package
  // does not. Same length, so offsets and line numbers still match.
  const text = input.replace(/[\u0085\u2028\u2029]/g, "\n");
  const pre = precheckSections(text);
  if (pre) return refusal(pre);
  let parsed = parseOnce(text);
  if ("syntax" in parsed) {
    const fixed = reindentQuotedContinuations(text);
    if (fixed !== text) {
      const retry = parseOnce(fixed);
      if (!("syntax" in retry)) parsed = retry;
    }
  }
  if ("refused" in parsed) return refusal(parsed.refused);
  if ("syntax" in parsed) return refusal(parsed.syntax);
  const { doc, line, more } = parsed;
  const conv = new Converter(line);
  const root = !doc || doc.contents === null ? null : conv.convert(doc.contents as Node, 0);
  if (conv.error) return refusal(conv.error);
  const storeOnly: ValidationError[] = more
    ? [{ field: "snap.yaml", message: `snap.yaml holds ${more + 1} YAML documents; it must hold one (snapd would read only the first)`, storeOnly: true }]
    : [];
  return { root, errors: [], duplicates: conv.duplicates, storeOnly };
}

type ParseOnce = { doc: Document.Parsed | null; line: (o: number) => number; more: number } | { syntax: string } | { refused: string };

function parseOnce(text: string): ParseOnce {
  const parsed = boundedParse(text);
  if ("error" in parsed) return { refused: parsed.error };
  const docs = compose(parsed.tokens);
  const line = lineIndex(text);
  if (docs.length === 0) return { doc: null, line, more: 0 }; // an empty file: no document at all
  // yaml.v2 reads the first document only (what follows it, even a syntax error, is never parsed;
  // the store refuses extra documents on its own), and libyaml accepts only %YAML 1.1.
  const first = docs[0];
  const problems = first.errors.map((e) => ({ message: e.message, pos: e.pos[0] }));
  const v = first.directives?.yaml;
  if (v?.explicit && v.version !== "1.1")
    problems.push({ message: `found incompatible YAML document (%YAML ${v.version}; only 1.1 is read)`, pos: first.range?.[0] ?? 0 });
  if (problems.length > 0) {
    const first = problems[0].message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
    return { syntax: `invalid YAML at line ${line(problems[0].pos)}: ${first}` };
  }
  return { doc: docs[0], line, more: docs.length - 1 };
}

// ---------------------------------------------------------------------------------------------
// yaml.v2 typing and decoding helpers
// ---------------------------------------------------------------------------------------------

const STR_TAG = "tag:yaml.org,2002:str";
const NULL_WORDS = new Set(["", "~", "null", "Null", "NULL"]);
const TRUE_WORDS = new Set(["y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"]);
const FALSE_WORDS = new Set(["n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"]);
const YAML_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
/** Go strconv.ParseInt(s, 0, 64) syntax (underscores already removed). */
const GO_INT = /^[-+]?(?:0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO]?[0-7]*|[1-9][0-9]*)$/;
const TIMESTAMP = /^\d{4}-\d{1,2}-\d{1,2}(?:(?:[Tt]|[ \t]+)\d{1,2}:\d{2}:\d{2}(?:\.\d*)?(?:[ \t]*(?:Z|[-+]\d{1,2}(?::\d{2})?))?)?$/;

export type Typed =
  | { type: "null"; value: null }
  | { type: "bool"; value: boolean }
  | { type: "int"; value: number }
  /** An integer that only fits Go's uint64: snapd's attribute normalisation refuses it. */
  | { type: "uint"; value: number }
  | { type: "float"; value: number }
  | { type: "str"; value: string };

function goInt(text: string): Typed | null {
  const plain = text.replace(/_/g, "");
  if (!GO_INT.test(plain)) return null;
  const neg = plain.startsWith("-");
  const body = plain.replace(/^[-+]/, "");
  let v: bigint;
  if (/^0[xX]/.test(body)) v = BigInt(body);
  else if (/^0[bB]/.test(body)) v = BigInt(body);
  else if (/^0[oO]/.test(body)) v = BigInt("0o" + body.slice(2));
  else if (/^0[0-7]+$/.test(body)) v = BigInt("0o" + body.slice(1));
  else v = BigInt(body);
  if (neg) v = -v;
  if (v >= -(2n ** 63n) && v < 2n ** 63n) return { type: "int", value: Number(v) };
  if (v >= 0n && v < 2n ** 64n) return { type: "uint", value: Number(v) };
  return null;
}

/** The value yaml.v2 gives a scalar decoded into interface{} (resolve.go). */
export function typed(s: YScalar): Typed {
  if (s.style !== "plain" || s.tag === STR_TAG) return { type: "str", value: s.text };
  const t = s.text;
  if (NULL_WORDS.has(t)) return { type: "null", value: null };
  if (TRUE_WORDS.has(t)) return { type: "bool", value: true };
  if (FALSE_WORDS.has(t)) return { type: "bool", value: false };
  if (t === ".nan" || t === ".NaN" || t === ".NAN") return { type: "float", value: NaN };
  if (/^[-+]?\.(?:inf|Inf|INF)$/.test(t)) return { type: "float", value: t.startsWith("-") ? -Infinity : Infinity };
  const c = t[0];
  if (c === "." && YAML_FLOAT.test(t)) return { type: "float", value: Number(t) };
  if ((c >= "0" && c <= "9") || c === "+" || c === "-") {
    if (TIMESTAMP.test(t)) return { type: "str", value: t }; // yaml.v2 keeps timestamps as strings in interface{}
    const i = goInt(t);
    if (i) return i;
    const plain = t.replace(/_/g, "");
    if (YAML_FLOAT.test(plain)) return { type: "float", value: Number(plain) };
  }
  return { type: "str", value: t };
}

/** Whether yaml.v2 sees this node as null (it then leaves the Go field at its zero value). */
export function isNull(n: YNode | undefined): boolean {
  return n === undefined || (n.kind === "scalar" && n.style === "plain" && n.tag !== STR_TAG && NULL_WORDS.has(n.text));
}

export function kindName(n: YNode): string {
  if (n.kind === "map") return "a mapping";
  if (n.kind === "seq") return "a list";
  const t = typed(n);
  return t.type === "str" ? "a string" : t.type === "null" ? "null" : t.type === "bool" ? "a boolean" : "a number";
}

/** The key of a map entry as yaml.v2 decodes it into a Go string (a scalar's text). */
export function keyText(p: YPair): string | null {
  if (p.key.kind !== "scalar") return null;
  return isNull(p.key) ? "" : p.key.text;
}

/** Map entries by key as yaml.v2 decodes a mapping into a struct or map[string]T: the last wins. */
export function fieldsOf(m: YMap): Map<string, YNode> {
  const out = new Map<string, YNode>();
  for (const p of m.pairs) {
    const k = keyText(p);
    if (k !== null) out.set(k, p.value);
  }
  return out;
}
