// Snap names: registration by publishers, the admin's reserved-name list.
import { z } from "zod";

/** POST /api/v1/snaps. The name rule itself is checked by the service (400 invalid-name). */
export const registerNameSchema = z.object({
  name: z.string().trim().min(1, "Enter a snap name.").max(200, "That name is far too long."),
});
export type RegisterNameInput = z.infer<typeof registerNameSchema>;

/** POST /api/v1/admin/reserved-names */
export const reserveNameSchema = z.object({
  name: z.string().trim().min(1, "Enter a name."),
  reason: z.string().trim().min(3, "Say why the name is reserved (at least 3 characters).").max(500),
});
export type ReserveNameInput = z.infer<typeof reserveNameSchema>;

/** Admin page: remove a name from the reserved list. */
export const unreserveNameSchema = z.object({ name: z.string().min(1).max(40) });
