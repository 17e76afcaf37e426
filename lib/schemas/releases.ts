// Releases: release or promote to channels, close channels. Channel names are parsed by the
// service (lib/snap/channels), which names every bad one.
import { z } from "zod";
import { revisionNumber, snapNameParam } from "./fields";

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

/** Dashboard actions: the same inputs, for a named snap. */
export const releaseActionSchema = z.object({ name: snapNameParam, input: releaseSchema });
export const closeActionSchema = z.object({ name: snapNameParam, input: closeChannelsSchema });

/** Dashboard actions on one revision (details, withdraw, use its icon). */
export const revisionRefSchema = z.object({ name: snapNameParam, revision: revisionNumber });
