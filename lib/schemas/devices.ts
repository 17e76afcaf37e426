// Simulated devices: one schema per input, shared by the API routes, the server actions and the
// device page's forms. Pure.
import { z } from "zod";
import { ARCHITECTURES } from "../snap/validate";
import { snapNameParam } from "./fields";

/** POST /api/v1/devices */
export const createDeviceSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Give the device a name.")
    .max(40, "Keep the name under 40 characters.")
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "Use letters, digits, '.', '_' and '-' (starting with a letter or digit)."),
  architecture: z.enum(ARCHITECTURES, { message: `Choose one of ${ARCHITECTURES.join(", ")}.` }),
  /** Classic (Ubuntu desktop/server) or Ubuntu Core. */
  classic: z.boolean().default(true),
});
export type CreateDeviceInput = z.infer<typeof createDeviceSchema>;

const channel = z.string().trim().min(1).max(200);

/** POST /api/v1/devices/{id}/snaps: `snap install [--channel=…] [--classic] [--devmode] [--jailmode] NAME` */
export const installSnapSchema = z.object({
  name: snapNameParam,
  channel: channel.default("latest/stable"),
  classic: z.boolean().optional(),
  devmode: z.boolean().optional(),
  jailmode: z.boolean().optional(),
});
export type InstallSnapInput = z.infer<typeof installSnapSchema>;

/** POST /api/v1/devices/{id}/snaps/{name}/refresh (optional --channel and confinement flags). */
export const refreshSnapSchema = z
  .object({ channel: channel.optional(), classic: z.boolean().optional(), devmode: z.boolean().optional(), jailmode: z.boolean().optional() })
  .default({});

/** POST /api/v1/devices/{id}/snaps/{name}/switch */
export const switchSnapSchema = z.object({ channel });

/** POST|DELETE /api/v1/devices/{id}/connections: `snap connect|disconnect PLUG [SLOT]` (snap:plug, :slot). */
export const connectionSchema = z.object({
  plug: z.string().trim().min(1).max(200),
  slot: z.string().trim().min(1).max(200).optional(),
});
export type ConnectionInput = z.infer<typeof connectionSchema>;

/** Device operations as the server actions take them. */
export const deviceOperationSchema = z.discriminatedUnion("op", [
  z.object({ op: z.literal("install"), deviceId: z.string().min(1), ...installSnapSchema.shape }),
  z.object({
    op: z.literal("refresh"),
    deviceId: z.string().min(1),
    name: snapNameParam,
    channel: channel.optional(),
    classic: z.boolean().optional(),
    devmode: z.boolean().optional(),
  }),
  z.object({ op: z.literal("revert"), deviceId: z.string().min(1), name: snapNameParam }),
  z.object({ op: z.literal("switch"), deviceId: z.string().min(1), name: snapNameParam, channel }),
  z.object({ op: z.literal("remove"), deviceId: z.string().min(1), name: snapNameParam }),
  z.object({ op: z.literal("connect"), deviceId: z.string().min(1), ...connectionSchema.shape }),
  z.object({ op: z.literal("disconnect"), deviceId: z.string().min(1), ...connectionSchema.shape }),
]);
export type DeviceOperation = z.infer<typeof deviceOperationSchema>;

/** The device page's terminal: one `snap …` command line. */
export const terminalSchema = z.object({ deviceId: z.string().min(1), line: z.string().max(1000) });

/** Run the simulated refresh timer of one device now. */
export const deviceIdSchema = z.object({ deviceId: z.string().min(1) });

/** GET /api/v1/snaps/{name}/metrics?dimension=…&days=… */
export const metricsQuerySchema = z.object({
  dimension: z.enum(["channel", "version", "architecture", "system"]).default("channel"),
  days: z.coerce.number().int().min(1).max(365).default(30),
});
