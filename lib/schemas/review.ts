// Reviewer inputs (the review queue): queue filters, votes, decisions, an admin's revocation of a
// grant. Shared by the API routes, the server actions of the review pages and the services' types.
import { z } from "zod";
import { REQUEST_STATUSES, REQUEST_TYPES, requestStatusFromApi, requestTypeFromApi } from "@/lib/vocabulary";
import { idParam } from "./fields";

const comment = z.string().trim().max(10_000, "Keep comments under 10000 characters.");

/** GET /api/v1/review/queue?kind=&status=&q=&page=&per-page= (API spellings: "auto-connection", "needs-info"). */
export const queueQuerySchema = z.object({
  kind: z
    .string()
    .transform(requestTypeFromApi)
    .pipe(z.enum(REQUEST_TYPES, { message: `kind must be one of ${REQUEST_TYPES.join(", ").replace(/_/g, "-")}.` }))
    .optional(),
  status: z
    .string()
    .transform((s) => (s === "open" ? s : requestStatusFromApi(s)))
    .pipe(z.enum(["open", ...REQUEST_STATUSES], { message: `status must be open or one of ${REQUEST_STATUSES.join(", ").replace(/_/g, "-")}.` }))
    .optional(),
  q: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  perPage: z.coerce.number().int().min(1).max(200).default(50),
});
export type QueueQuery = z.infer<typeof queueQuerySchema>;

export const voteSchema = z.object({
  vote: z.union([z.literal(1), z.literal(0), z.literal(-1)], { message: "vote must be 1, 0 or -1." }),
  comment: comment.optional(),
});
export type VoteInput = z.infer<typeof voteSchema>;

export const DECISIONS = ["approve", "reject", "needs-info"] as const;
export type Decision = (typeof DECISIONS)[number];

export const decisionSchema = z.object({
  decision: z.enum(DECISIONS, { message: "decision must be approve, reject or needs-info." }),
  comment: comment.optional(),
  /** Admins only: approve although the tally does not pass, with this written reason. */
  override: z.string().trim().min(10, "Write the reason for the override (at least 10 characters).").max(2000).optional(),
});
export type DecisionInput = z.infer<typeof decisionSchema>;

/** "classic", or an interface grant "auto-connection:camera" (installation, connection, auto-connection). */
export const GRANT_RE = /^(?:classic|(?:installation|connection|auto-connection):[a-z][a-z0-9-]{0,63})$/;
export const revokeSchema = z.object({
  grant: z.string().trim().regex(GRANT_RE, 'grant must be "classic" or "<installation|connection|auto-connection>:<interface>".'),
  reason: z.string().trim().min(10, "Say why the grant is revoked (at least 10 characters).").max(2000),
});
export type RevokeInput = z.infer<typeof revokeSchema>;

/** Server actions of the review pages. */
export const voteActionSchema = z.object({ requestId: idParam, vote: voteSchema });
export const decisionActionSchema = z.object({ requestId: idParam, decision: decisionSchema });
export const requestIdActionSchema = z.object({ requestId: idParam });
export const markReadActionSchema = z.object({ id: idParam.optional() });
