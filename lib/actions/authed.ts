import "server-only";
// The one wrapper every server action goes through (the actions themselves live beside it, one
// "use server" module per area). A "use server" module may only export async functions, so the
// wrapper and its result type live here.
import { z } from "zod";
import { getDb, type Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { getCurrentUser, type CurrentUser } from "@/lib/auth/session";
import { roleAllows, type Role } from "@/lib/auth/roles";
import { fieldErrorsOf } from "@/lib/schemas/fields";
import { refusal } from "@/lib/server/explain";

export type ActionResult<T> = { ok: true; data: T } | { ok: false; code: string; message: string; fieldErrors?: Record<string, string[]> };

function toResult(err: unknown): ActionResult<never> {
  if (err instanceof AppError) return { ok: false, code: err.code, message: err.message };
  // Next's redirect()/notFound() signal by throwing: let them through.
  if (err && typeof err === "object" && "digest" in err) throw err;
  console.error("unexpected error in server action", err);
  return { ok: false, code: "internal", message: "Something went wrong on our side. Please try again." };
}

function invalidInput(error: z.ZodError): ActionResult<never> {
  const fieldErrors = fieldErrorsOf(error);
  const { code, message } = refusal("invalid-input", { fields: fieldErrors });
  return { ok: false, code, message, fieldErrors };
}

/**
 * The one way to write a server action: resolves the user, checks the role on the server,
 * validates input with the form's own zod schema (lib/schemas), hands the service its database,
 * and maps expected errors to a typed result.
 */
export function authedAction<S extends z.ZodType, T>(
  opts: { roles?: readonly Role[]; schema: S },
  fn: (input: z.infer<S>, user: CurrentUser, db: Db) => Promise<T>,
): (input: unknown) => Promise<ActionResult<T>> {
  return async (input: unknown) => {
    try {
      const user = await getCurrentUser();
      if (!user) throw refusal("unauthorized", { reason: "session-ended" });
      if (opts.roles && !roleAllows(user.role, opts.roles)) throw refusal("forbidden", { needs: opts.roles, role: user.role });
      const parsed = opts.schema.safeParse(input);
      if (!parsed.success) return invalidInput(parsed.error);
      return { ok: true, data: await fn(parsed.data, user, getDb()) };
    } catch (err) {
      return toResult(err);
    }
  };
}

/** Same wrapper for the few actions anonymous visitors may call (sign-up). */
export function publicAction<S extends z.ZodType, T>(schema: S, fn: (input: z.infer<S>, db: Db) => Promise<T>) {
  return async (input: unknown): Promise<ActionResult<T>> => {
    try {
      const parsed = schema.safeParse(input);
      if (!parsed.success) return invalidInput(parsed.error);
      return { ok: true, data: await fn(parsed.data, getDb()) };
    } catch (err) {
      return toResult(err);
    }
  };
}
