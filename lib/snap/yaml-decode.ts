/**
 * Decoding YAML tree nodes into the Go types snapd's snapYaml struct uses (yaml.v2 rules): strings,
 * string lists, string maps (strutil.OrderedMap), maps keyed by name, durations, small unsigned
 * ints, and interface{} attribute values normalised like snapd's metautil.NormalizeValue.
 * Each decoder reports a type mismatch as an error, as yaml.v2 does, and returns a usable value.
 * Pure.
 */
import { fmtCount, MAX_ATTRIBUTE_DEPTH } from "./limits";
import { parseGoDuration } from "./schedule";
import { fieldsOf, isNull, keyText, kindName, typed, type ValidationError, type YMap, type YNode } from "./yaml-tree";

export const q = (v: unknown): string => JSON.stringify(v) ?? String(v);

/** Set an own property, also for names like "__proto__" (never the prototype). */
export function setOwn<T>(obj: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}
export function hasOwn(obj: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

export class Decoder {
  readonly errors: ValidationError[] = [];

  err(field: string, message: string): void {
    this.errors.push({ field, message });
  }
  storeErr(field: string, message: string): void {
    this.errors.push({ field, message, storeOnly: true });
  }

  /** A string field: the scalar's text; undefined when absent or null. `storeOnly` for fields snapd does not read. */
  str(n: YNode | undefined, field: string, storeOnly = false): string | undefined {
    if (n === undefined || isNull(n)) return undefined;
    if (n.kind !== "scalar") {
      (storeOnly ? this.storeErr : this.err).call(this, field, `${field} must be a string, not ${kindName(n)}`);
      return undefined;
    }
    return n.text;
  }

  /** A []string field. Null items decode to "" (yaml.v2). */
  strList(n: YNode | undefined, field: string): string[] {
    if (n === undefined || isNull(n)) return [];
    if (n.kind !== "seq") {
      this.err(field, `${field} must be a list of strings, not ${kindName(n)}`);
      return [];
    }
    const out: string[] = [];
    for (const item of n.items) {
      if (item.kind !== "scalar") this.err(field, `${field} entries must be strings, not ${kindName(item)}`);
      else out.push(isNull(item) ? "" : item.text);
    }
    return out;
  }

  /** A mapping decoded into a Go map or struct: the node, or null when absent/null/wrong. */
  map(n: YNode | undefined, field: string, what: string): YMap | null {
    if (n === undefined || isNull(n)) return null;
    if (n.kind !== "map") {
      this.err(field, `${field} must be ${what}, not ${kindName(n)}`);
      return null;
    }
    return n;
  }

  /**
   * The entries of a mapping yaml.v2 decodes into a struct or a map[string]T, keys as it decodes
   * them into strings (the last one wins). A key that is a list or mapping, or a merge key that
   * cannot be merged, fails yaml.v2's decoding.
   */
  fields(m: YMap, field: string): Map<string, YNode> {
    if (m.badMerge !== undefined) this.err(field, `${field}: the merge key (<<) on line ${m.badMerge} needs a mapping or a list of mappings`);
    for (const p of m.pairs) if (keyText(p) === null) this.err(field, `${field} has a key that is ${kindName(p.key)}, not a name`);
    return fieldsOf(m);
  }

  /** Entries of a map[string]T. */
  named(n: YNode | undefined, field: string, what: string): Map<string, YNode> {
    const m = this.map(n, field, what);
    return m ? this.fields(m, field) : new Map();
  }

  /** strutil.OrderedMap (environment): string keys (typed: `on:` is a boolean key), string values, no duplicates. */
  env(n: YNode | undefined, field: string): void {
    const m = this.map(n, field, "a mapping of variable names to values");
    if (!m) return;
    const seen = new Set<string>();
    for (const p of m.pairs) {
      const k = p.key.kind === "scalar" ? typed(p.key) : null;
      if (!k || k.type !== "str") {
        this.err(field, `${field} has a variable name that is ${kindName(p.key)}, not a string (quote it)`);
        continue;
      }
      if (seen.has(k.value)) this.err(field, `${field} sets ${q(k.value)} twice`);
      seen.add(k.value);
      if (p.value.kind !== "scalar") this.err(`${field}.${k.value}`, `${field}.${k.value} must be a string, not ${kindName(p.value)}`);
    }
  }

  /** timeout.Timeout: a Go duration ("10s"); 0 when absent. */
  duration(n: YNode | undefined, field: string): number {
    const s = this.str(n, field);
    if (s === undefined) return 0;
    const d = parseGoDuration(s);
    if (d === null) {
      this.err(field, `${field} ${q(s)} is not a duration: use a number with a unit, e.g. 10s, 1m30s or 500ms`);
      return 0;
    }
    return d;
  }

  /** A uint32 field such as socket-mode (0o666 written as 0666). */
  uint32(n: YNode | undefined, field: string): number {
    if (n === undefined || isNull(n)) return 0;
    const t = n.kind === "scalar" ? typed(n) : null;
    if (t && (t.type === "int" || t.type === "float") && t.value >= 0 && t.value <= 2 ** 32 - 1) return Math.trunc(t.value);
    this.err(field, `${field} must be a non-negative number (an octal mode like 0644), not ${n.kind === "scalar" ? q(n.text) : kindName(n)}`);
    return 0;
  }

  /**
   * An attribute value as snapd keeps it (metautil.NormalizeValue): strings, booleans, integers
   * (int64), floats, lists and string-keyed maps; null values and non-string keys are refused.
   * Depth is bounded by MAX_ATTRIBUTE_DEPTH (the tree's depth is already bounded).
   */
  attr(n: YNode, field: string, depth = 1): unknown {
    if (depth > MAX_ATTRIBUTE_DEPTH) {
      this.storeErr(field, `${field} nests more than ${fmtCount(MAX_ATTRIBUTE_DEPTH)} levels deep; the store accepts at most ${fmtCount(MAX_ATTRIBUTE_DEPTH)}`);
      return undefined;
    }
    if (n.kind === "seq") return n.items.map((item) => this.attr(item, field, depth + 1));
    if (n.kind === "map") {
      if (n.badMerge !== undefined) this.err(field, `${field}: the merge key (<<) on line ${n.badMerge} needs a mapping or a list of mappings`);
      const out: Record<string, unknown> = {};
      for (const p of n.pairs) {
        const k = p.key.kind === "scalar" ? typed(p.key) : null;
        if (!k || k.type !== "str") {
          this.err(field, `${field} has a key that is ${kindName(p.key)}, not a string (quote it)`);
          continue;
        }
        setOwn(out, k.value, this.attr(p.value, `${field}.${k.value}`, depth + 1));
      }
      return out;
    }
    const t = typed(n);
    if (t.type === "null") this.err(field, `${field} has no value: attribute values cannot be null`);
    else if (t.type === "uint") this.err(field, `${field} is too large: ${n.text} does not fit a 64-bit signed integer`);
    return t.value;
  }
}

export { fieldsOf, isNull, kindName, typed };
