import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { getDb, type Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { getCurrentUser, type CurrentUser } from "@/lib/auth/session";
import { roleAllows, type Role } from "@/lib/auth/roles";
import { fieldErrorsOf } from "@/lib/schemas/fields";
import { refusal } from "@/lib/server/explain";
import { userFromBearer } from "@/lib/server/tokens";
import { assertSameOrigin, hasSessionCookie, readJsonBody } from "./request-guards";

export interface ApiError {
  code: string;
  message: string;
  /** Machine-readable facts of a refusal (e.g. the waiting revision), so clients need not parse messages. */
  extra?: Record<string, unknown>;
}

export function errorList(status: number, errors: ApiError[], headers?: HeadersInit): NextResponse {
  return NextResponse.json({ "error-list": errors }, { status, headers });
}

const apiError = (err: AppError): ApiError => ({ code: err.code, message: err.message, ...(err.details ? { extra: err.details } : {}) });

type Params = Record<string, string>;

export interface ApiContext<B> {
  req: NextRequest;
  /** The process-wide database, for the services the route calls. */
  db: Db;
  user: CurrentUser;
  params: Params;
  body: B;
}

/**
 * The one wrapper for JSON route handlers: resolves the caller from a Bearer token (scripts, CLI)
 * or the session cookie (the web app), checks the role, parses the JSON body with a zod schema, and
 * turns AppError into `{"error-list": [...]}` with the error's status. Unexpected errors: 500, logged.
 * Without a Bearer token, a mutation must come from this store's own origin (403 otherwise: the
 * session cookie rides along on cross-site requests). JSON bodies must say `application/json`
 * (415) and are capped while streaming (413), before the schema or the service sees them.
 */
export function apiRoute<S extends z.ZodType | undefined = undefined, A extends boolean = false>(
  opts: {
    roles?: readonly Role[];
    body?: S;
    rawBody?: boolean;
    /** Let anonymous callers through (`user` is then null), e.g. POST /api/v1/tokens, which checks a password. */
    anonymous?: A;
  },
  fn: (
    ctx: A extends true
      ? Omit<ApiContext<S extends z.ZodType ? z.infer<S> : undefined>, "user"> & { user: CurrentUser | null }
      : ApiContext<S extends z.ZodType ? z.infer<S> : undefined>,
  ) => Promise<Response | unknown>,
) {
  return async (req: NextRequest, ctx: { params: Promise<Params> }): Promise<Response> => {
    try {
      const db = getDb();
      const authorization = req.headers.get("authorization");
      let user: CurrentUser | null;
      if (authorization) user = await userFromBearer(db, authorization);
      else {
        assertSameOrigin(req);
        user = hasSessionCookie(req) ? await getCurrentUser() : null;
      }
      if (!user && !opts.anonymous) throw refusal("unauthorized", { reason: "no-credentials" });
      if (user && opts.roles && !roleAllows(user.role, opts.roles)) throw refusal("forbidden", { needs: opts.roles, role: user.role });
      let body: unknown = undefined;
      if (opts.body) {
        const json = await readJsonBody(req);
        const parsed = opts.body.safeParse(json);
        if (!parsed.success) {
          const fields = Object.entries(fieldErrorsOf(parsed.error));
          return errorList(
            400,
            fields.map(([field, problems]) => apiError(refusal("invalid-field", { field, problems }))),
          );
        }
        body = parsed.data;
      }
      const params = ctx?.params ? await ctx.params : {};
      const result = await fn({ req, db, user: user as CurrentUser, params, body: body as never });
      return result instanceof Response ? result : NextResponse.json(result);
    } catch (err) {
      if (err instanceof AppError) {
        const retryAfter = err.details?.retryAfterSeconds;
        return errorList(err.status, [apiError(err)], typeof retryAfter === "number" ? { "Retry-After": String(retryAfter) } : undefined);
      }
      console.error(`unexpected error in ${req.method} ${req.nextUrl.pathname}`, err);
      return errorList(500, [{ code: "internal-error", message: "Internal server error; the store logged the details." }]);
    }
  };
}
