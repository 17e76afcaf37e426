// Accounts: sign-in, sign-up (web), user creation (CLI `snapstore user create`).
import { z } from "zod";
import { ROLES } from "@/lib/vocabulary";

export const MIN_PASSWORD_LENGTH = 8;

export const PUBLISHER_USERNAME = /^[a-z0-9](?:[a-z0-9-]{0,28}[a-z0-9])?$/;

export const signInSchema = z.object({
  email: z.string().trim().email("Enter a valid email address."),
  password: z.string().min(1, "Enter your password."),
});

export const signUpSchema = z
  .object({
    name: z.string().trim().min(1, "Enter your name.").max(80, "Keep your name under 80 characters."),
    email: z.string().trim().toLowerCase().email("Enter a valid email address."),
    password: z.string().min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`).max(200, "Use at most 200 characters."),
    publisher: z.boolean().default(false),
    username: z.string().trim().toLowerCase().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.publisher && !PUBLISHER_USERNAME.test(v.username ?? "")) {
      ctx.addIssue({
        code: "custom",
        path: ["username"],
        message: "Publisher usernames are 1-30 lowercase letters, digits and hyphens, not starting or ending with a hyphen.",
      });
    }
  });

export const createUserSchema = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid email address."),
  role: z.enum(ROLES, { message: `Role must be one of: ${ROLES.join(", ")}.` }),
  name: z.string().trim().max(80).optional(),
  username: z.string().trim().toLowerCase().regex(PUBLISHER_USERNAME, "Invalid publisher username.").optional(),
  password: z.string().min(MIN_PASSWORD_LENGTH, `Passwords need at least ${MIN_PASSWORD_LENGTH} characters.`),
});

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password."),
    newPassword: z.string().min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`).max(200, "Use at most 200 characters."),
    confirm: z.string(),
  })
  .superRefine((v, ctx) => {
    if (v.confirm !== v.newPassword) ctx.addIssue({ code: "custom", path: ["confirm"], message: "The two new passwords differ." });
  });
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;

/** Inputs with nothing to say (sign out everywhere). */
export const noInputSchema = z.object({}).strict();

export const setDisabledSchema = z
  .object({
    email: z.string().trim().toLowerCase().email("Enter a valid email address."),
    disabled: z.boolean(),
    /** Required when disabling: kept on the account and in the audit log. */
    reason: z.string().trim().max(500, "At most 500 characters.").optional(),
  })
  .refine((v) => !v.disabled || Boolean(v.reason), { path: ["reason"], message: "Give the reason for disabling the account." });
