/**
 * The attributes snapd fills in when it reads a snap, before any policy check (its interfaces'
 * BeforePreparePlug/BeforePrepareSlot): a rule that compares `content` or `shared-memory` sees the
 * filled-in value, so the evaluator must too. Pure.
 *
 * Only the defaulting is reproduced here, with the type errors found on the way (snapd drops such
 * a plug or slot as a bad interface); the path and permission checks these interfaces also make
 * belong to snap.yaml validation.
 */
import type { Side } from "./rules";

export interface Prepared {
  attributes: Record<string, unknown>;
  /** Why snapd would drop this plug or slot, when it would. */
  error?: string;
}

function nonEmptyString(v: unknown): v is string {
  return typeof v === "string" && v !== "";
}

/** A copy of `attrs` with snapd's defaults for interface `iface` filled in. */
export function prepareAttributes(side: Side, iface: string, name: string, attrs: Record<string, unknown> | undefined): Prepared {
  const a: Record<string, unknown> = { ...(attrs ?? {}) };
  const has = (k: string) => Object.prototype.hasOwnProperty.call(a, k);
  switch (iface) {
    case "content":
      // any non-string or empty `content` is replaced by the plug/slot name
      if (!nonEmptyString(a.content)) a.content = name;
      return { attributes: a };
    case "posix-mq":
    case "custom-device": {
      if (has(iface) && typeof a[iface] !== "string") {
        return { attributes: a, error: `${iface} "${iface}" attribute must be a string, not ${JSON.stringify(a[iface])}` };
      }
      if (!nonEmptyString(a[iface])) a[iface] = name;
      return { attributes: a };
    }
    case "shared-memory":
      return side === "slot" ? prepareSharedMemorySlot(a, name) : prepareSharedMemoryPlug(a, name);
    default:
      return { attributes: a };
  }
}

function prepareSharedMemorySlot(a: Record<string, unknown>, name: string): Prepared {
  if ("shared-memory" in a && typeof a["shared-memory"] !== "string") {
    return { attributes: a, error: `shared-memory "shared-memory" attribute must be a string, not ${JSON.stringify(a["shared-memory"])}` };
  }
  if (!nonEmptyString(a["shared-memory"])) a["shared-memory"] = name;
  return { attributes: a };
}

function prepareSharedMemoryPlug(a: Record<string, unknown>, name: string): Prepared {
  if ("private" in a && typeof a.private !== "boolean") {
    return { attributes: a, error: `shared-memory "private" attribute must be a bool, not ${JSON.stringify(a.private)}` };
  }
  const isPrivate = a.private === true;
  a.private = isPrivate;
  const isSet = "shared-memory" in a;
  if (isSet && typeof a["shared-memory"] !== "string") {
    return { attributes: a, error: `shared-memory "shared-memory" attribute must be a string, not ${JSON.stringify(a["shared-memory"])}` };
  }
  if (isPrivate) {
    if (isSet) return { attributes: a, error: `shared-memory "shared-memory" attribute must not be set together with "private: true"` };
  } else if (!nonEmptyString(a["shared-memory"])) {
    a["shared-memory"] = name;
  }
  return { attributes: a };
}
