// Pieces shared by the input schemas, and the one way to turn zod issues into per-field messages
// (used by apiRoute, authedAction and the forms). Pure: no server or framework imports.
import { z } from "zod";

/** A snap name as a path or action parameter; the name RULE is checked by the services. */
export const snapNameParam = z.string().trim().min(1).max(64);

/** A revision number as an action parameter. */
export const revisionNumber = z.number().int().positive();

/** An opaque row id (cuid) as an action parameter. */
export const idParam = z.string().min(1).max(64);

/** A refined schema's issues keyed by the dotted path of the field ("_" for the whole input). */
export function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}
