// The body of POST /v2/snaps/refresh (snapd's snap action request, store/store_action.go). Loose on
// purpose: snapd adds fields over time and extra keys must not fail a device's refresh.
import { z } from "zod";

const contextEntry = z.looseObject({
  "snap-id": z.string().min(1).max(64),
  "instance-key": z.string().min(1).max(200),
  revision: z.number().int().nonnegative(),
  "tracking-channel": z.string().max(300).nullish(),
  epoch: z.unknown().optional(),
  "refreshed-date": z.string().nullish(),
});

const action = z.looseObject({
  action: z.string().min(1).max(40),
  "instance-key": z.string().max(200).optional(),
  name: z.string().max(200).optional(),
  "snap-id": z.string().max(64).optional(),
  channel: z.string().max(300).optional(),
  revision: z.number().int().positive().optional(),
  "cohort-key": z.string().optional(),
  "ignore-validation": z.boolean().nullish(),
  epoch: z.unknown().optional(),
});

/** snapd sends at most a few hundred installed snaps; the limits keep one request bounded. */
export const snapActionSchema = z.looseObject({
  context: z.array(contextEntry).max(2000).nullish(),
  actions: z.array(action).max(2000).nullish(),
  fields: z.array(z.string().max(100)).max(200).nullish(),
});
export type SnapActionInput = z.infer<typeof snapActionSchema>;
