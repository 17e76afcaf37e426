// The admin's audit-log filter (query string of /admin): every field optional; bad values are
// dropped rather than refused, so a hand-edited URL still shows the log.
import { z } from "zod";

const optionalText = z
  .string()
  .trim()
  .max(200)
  .optional()
  .transform((v) => (v ? v : undefined))
  .catch(undefined);
const optionalDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)))
  .optional()
  .catch(undefined);

export const auditQuerySchema = z.object({
  /** Part of the acting user's email. */
  actor: optionalText,
  /** An action, or its prefix ("snap." for every snap action). */
  action: optionalText,
  /** A snap name: entries about the snap, its revisions and its requests. */
  snap: optionalText,
  /** First and last day (UTC, inclusive), YYYY-MM-DD. */
  from: optionalDay,
  to: optionalDay,
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

/** Entries per page of the admin's audit log. */
export const AUDIT_PAGE_SIZE = 25;
