// One zod schema per publisher-workflow input, shared by the JSON API (apiRoute) and the
// dashboard's server actions (authedAction). Field rules that need the database (name taken,
// plug exists, ...) live in the services; these only check shape.
import { z } from "zod";

/** Supported classic categories (docs/domain.md), slug -> label. */
export const CLASSIC_CATEGORIES = {
  compilers: "Compilers",
  debuggers: "Debuggers and debug tools",
  ides: "IDEs",
  "programming-languages": "Programming languages",
  "terminal-emulators-and-shells": "Terminal emulators and shells",
  "public-cloud-agents": "Public cloud agents",
  "hpc-orchestration-agents": "HPC and orchestration agents",
  "kubernetes-tools": "Kubernetes tools",
  "development-workspace-tools": "Development workspace tools",
  "nautilus-scripts": "Nautilus scripts",
  "juju-helpers": "Juju helpers",
} as const;
export type ClassicCategory = keyof typeof CLASSIC_CATEGORIES;
export const CLASSIC_CATEGORY_SLUGS = Object.keys(CLASSIC_CATEGORIES) as [ClassicCategory, ...ClassicCategory[]];

export const MIN_REASONING_LENGTH = 20;

/** POST /api/v1/tokens */
export const createTokenSchema = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid email address."),
  password: z.string().min(1, "Enter your password."),
  label: z.string().trim().min(1, "Give the token a label.").max(80, "Keep the label under 80 characters."),
});
export type CreateTokenInput = z.infer<typeof createTokenSchema>;

/** Dashboard: a new token for the signed-in user (no password needed there). */
export const tokenLabelSchema = z.object({
  label: z.string().trim().min(1, "Give the token a label.").max(80, "Keep the label under 80 characters."),
});

/** POST /api/v1/snaps. The name rule itself is checked by the service (400 invalid-name). */
export const registerNameSchema = z.object({
  name: z.string().trim().min(1, "Enter a snap name.").max(200, "That name is far too long."),
});
export type RegisterNameInput = z.infer<typeof registerNameSchema>;

const channelList = z
  .array(z.string().trim().min(1, "Channel names cannot be empty."), { message: "channels must be a list of channel names." })
  .min(1, "Name at least one channel.")
  .max(50, "At most 50 channels at once.");

/** POST /api/v1/snaps/{name}/releases: a revision, or `from` a channel (promotion). */
export const releaseSchema = z
  .object({
    revision: z.number().int("revision must be an integer.").positive("revision must be positive.").optional(),
    from: z.string().trim().min(1).optional(),
    channels: channelList,
  })
  .superRefine((v, ctx) => {
    if ((v.revision === undefined) === (v.from === undefined)) {
      ctx.addIssue({ code: "custom", path: ["revision"], message: "Give either a revision or a channel to promote from (`from`)." });
    }
  });
export type ReleaseInput = z.infer<typeof releaseSchema>;

/** POST /api/v1/snaps/{name}/close */
export const closeChannelsSchema = z.object({ channels: channelList });
export type CloseChannelsInput = z.infer<typeof closeChannelsSchema>;

export const REQUEST_TYPES = ["classic", "installation", "connection", "auto-connection"] as const;
export type PublisherRequestType = (typeof REQUEST_TYPES)[number];

/** POST /api/v1/snaps/{name}/requests */
export const createRequestSchema = z
  .object({
    type: z.enum(REQUEST_TYPES, { message: `type must be one of: ${REQUEST_TYPES.join(", ")}.` }),
    interface: z.string().trim().min(1).max(64).optional(),
    plug: z.string().trim().min(1).max(64).optional(),
    reasoning: z
      .string()
      .trim()
      .min(MIN_REASONING_LENGTH, `Explain why in at least ${MIN_REASONING_LENGTH} characters.`)
      .max(10_000, "Keep the reasoning under 10000 characters."),
    category: z
      .enum(CLASSIC_CATEGORY_SLUGS, { message: `category must be one of the supported classic categories: ${CLASSIC_CATEGORY_SLUGS.join(", ")}.` })
      .optional(),
    acknowledgements: z.array(z.string().trim().min(1).max(200)).max(20).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.type === "classic" && !v.category) {
      ctx.addIssue({
        code: "custom",
        path: ["category"],
        message: `Classic requests need a supported category: ${CLASSIC_CATEGORY_SLUGS.join(", ")}.`,
      });
    }
    if (v.type !== "classic" && !v.interface) {
      ctx.addIssue({ code: "custom", path: ["interface"], message: `${v.type} requests need the interface.` });
    }
  });
export type CreateRequestInput = z.infer<typeof createRequestSchema>;

/** POST /api/v1/requests/{id}/comments */
export const commentSchema = z.object({
  body: z.string().trim().min(1, "Write a comment.").max(10_000, "Keep comments under 10000 characters."),
});
export type CommentInput = z.infer<typeof commentSchema>;

export const reserveNameSchema = z.object({
  name: z.string().trim().min(1, "Enter a name."),
  reason: z.string().trim().min(3, "Say why the name is reserved (at least 3 characters).").max(500),
});
export type ReserveNameInput = z.infer<typeof reserveNameSchema>;
