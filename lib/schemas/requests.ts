// Store requests filed by a snap's publisher (classic confinement, interface grants) and the
// comments on them. The acknowledgements a classic request must carry are checked by the service
// (lib/server/requests.ts), so the API and the dashboard enforce the same rule.
import { z } from "zod";
import { PUBLISHER_REQUEST_TYPES } from "@/lib/vocabulary";
import { idParam, snapNameParam } from "./fields";

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

/** What a publisher confirms before asking for classic confinement (the forum's checklist). */
export const CLASSIC_ACKNOWLEDGEMENTS = [
  { id: "read-policy", label: "I have read the classic confinement policy and my snap fits one of the supported categories." },
  { id: "tried-strict", label: "I tried strict confinement with the available interfaces and it cannot work for this snap." },
  { id: "no-interfaces", label: "I understand a classic snap may not declare plugs or slots, and users install it with --classic." },
] as const;

/** The acknowledgements missing from a classic request (every one is required). */
export function missingAcknowledgements(given: readonly string[] | undefined): (typeof CLASSIC_ACKNOWLEDGEMENTS)[number][] {
  const acks = new Set(given ?? []);
  return CLASSIC_ACKNOWLEDGEMENTS.filter((a) => !acks.has(a.id));
}

/** The interface request types, as the request form explains them. */
export const INTERFACE_REQUEST_TYPES = {
  installation: "Installation (a super-privileged interface: the snap cannot be installed without it)",
  connection: "Connection (allow manual connection)",
  "auto-connection": "Auto-connection (connect at install, without user action)",
} as const;

export const MIN_REASONING_LENGTH = 20;

export type PublisherRequestType = (typeof PUBLISHER_REQUEST_TYPES)[number];

/** POST /api/v1/snaps/{name}/requests */
export const createRequestSchema = z
  .object({
    type: z.enum(PUBLISHER_REQUEST_TYPES, { message: `type must be one of: ${PUBLISHER_REQUEST_TYPES.join(", ")}.` }),
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

/** Dashboard actions: file a request for a named snap; comment on one of its requests. */
export const fileRequestActionSchema = z.object({ name: snapNameParam, request: createRequestSchema });
export const commentActionSchema = z.object({ name: snapNameParam, requestId: idParam, comment: commentSchema });
