/**
 * What changed between two revisions of a snap, for the reviewer (Flathub-style permission diff):
 * confinement, type, base, and plugs/slots added, removed and with changed interface or
 * attributes. Pure; takes the parsed snap.yaml (lib/snap/snap-yaml SnapMeta) or the subset of it
 * stored on a revision. `before` null = no earlier revision (everything is "added").
 */

export interface DiffPlugSlot {
  name: string;
  interface: string;
  attributes?: Record<string, unknown>;
}

export interface DiffInfo {
  confinement?: string | null;
  type?: string | null;
  base?: string | null;
  plugs?: Record<string, DiffPlugSlot>;
  slots?: Record<string, DiffPlugSlot>;
}

export interface FieldChange {
  field: "confinement" | "type" | "base";
  from: string | null;
  to: string | null;
}

export interface AttributeChange {
  attribute: string;
  /** undefined when the attribute was added / removed. */
  from?: unknown;
  to?: unknown;
}

export interface EndpointChange {
  name: string;
  /** Set when the interface itself changed. */
  interface?: { from: string; to: string };
  attributes: AttributeChange[];
}

export interface SideDiff {
  added: DiffPlugSlot[];
  removed: DiffPlugSlot[];
  changed: EndpointChange[];
}

export interface RevisionDiff {
  fields: FieldChange[];
  plugs: SideDiff;
  slots: SideDiff;
  /** Nothing a reviewer needs to look at. */
  empty: boolean;
}

/** Canonical JSON (sorted object keys) so attribute order never reads as a change. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v && typeof v === "object") {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(v ?? null);
}

function diffSide(before: Record<string, DiffPlugSlot> = {}, after: Record<string, DiffPlugSlot> = {}): SideDiff {
  const added: DiffPlugSlot[] = [];
  const removed: DiffPlugSlot[] = [];
  const changed: EndpointChange[] = [];
  for (const name of Object.keys(after).sort()) {
    const a = after[name];
    const b = before[name];
    if (!b) {
      added.push(a);
      continue;
    }
    const attributes: AttributeChange[] = [];
    const ba = b.attributes ?? {};
    const aa = a.attributes ?? {};
    for (const key of [...new Set([...Object.keys(ba), ...Object.keys(aa)])].sort()) {
      const inB = Object.prototype.hasOwnProperty.call(ba, key);
      const inA = Object.prototype.hasOwnProperty.call(aa, key);
      if (inB && inA && canonical(ba[key]) === canonical(aa[key])) continue;
      attributes.push({ attribute: key, ...(inB ? { from: ba[key] } : {}), ...(inA ? { to: aa[key] } : {}) });
    }
    const iface = a.interface !== b.interface ? { from: b.interface, to: a.interface } : undefined;
    if (iface || attributes.length) changed.push({ name, ...(iface ? { interface: iface } : {}), attributes });
  }
  for (const name of Object.keys(before).sort()) if (!after[name]) removed.push(before[name]);
  return { added, removed, changed };
}

/** The changes from `before` (null: none) to `after`. */
export function diffRevisions(before: DiffInfo | null, after: DiffInfo): RevisionDiff {
  const fields: FieldChange[] = [];
  for (const field of ["confinement", "type", "base"] as const) {
    const from = before ? (before[field] ?? null) : null;
    const to = after[field] ?? null;
    if (from !== to) fields.push({ field, from, to });
  }
  const plugs = diffSide(before?.plugs, after.plugs);
  const slots = diffSide(before?.slots, after.slots);
  const sideEmpty = (s: SideDiff) => !s.added.length && !s.removed.length && !s.changed.length;
  return { fields, plugs, slots, empty: !fields.length && sideEmpty(plugs) && sideEmpty(slots) };
}

/** One line per change, for the item page and the API ("+ plug camera (camera)"). */
export function describeDiff(d: RevisionDiff): string[] {
  const out: string[] = [];
  for (const f of d.fields) out.push(`${f.field}: ${f.from ?? "(none)"} → ${f.to ?? "(none)"}`);
  for (const [word, side] of [
    ["plug", d.plugs],
    ["slot", d.slots],
  ] as const) {
    for (const a of side.added) out.push(`+ ${word} ${a.name}${a.name === a.interface ? "" : ` (${a.interface})`}`);
    for (const r of side.removed) out.push(`- ${word} ${r.name}${r.name === r.interface ? "" : ` (${r.interface})`}`);
    for (const c of side.changed) {
      if (c.interface) out.push(`~ ${word} ${c.name}: interface ${c.interface.from} → ${c.interface.to}`);
      for (const a of c.attributes)
        out.push(`~ ${word} ${c.name}: ${a.attribute} ${"from" in a ? JSON.stringify(a.from) : "(unset)"} → ${"to" in a ? JSON.stringify(a.to) : "(unset)"}`);
    }
  }
  return out;
}
