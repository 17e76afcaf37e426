// API tokens: issued with a password (POST /api/v1/tokens, the CLI's login) or from the dashboard.
import { z } from "zod";
import { idParam } from "./fields";

const label = z.string().trim().min(1, "Give the token a label.").max(80, "Keep the label under 80 characters.");

/** POST /api/v1/tokens */
export const createTokenSchema = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid email address."),
  password: z.string().min(1, "Enter your password."),
  label,
});
export type CreateTokenInput = z.infer<typeof createTokenSchema>;

/** Dashboard: a new token for the signed-in user (no password needed there). */
export const tokenLabelSchema = z.object({ label });

/** Dashboard: revoke one of the user's tokens. */
export const revokeTokenSchema = z.object({ id: idParam });
