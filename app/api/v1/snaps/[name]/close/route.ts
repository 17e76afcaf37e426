import { apiRoute } from "@/lib/api/handler";
import { presentChannelMap } from "@/lib/api/present";
import { closeChannelsSchema } from "@/lib/schemas/releases";
import { closeChannels } from "@/lib/server/releases";

export const dynamic = "force-dynamic";

export const POST = apiRoute({ roles: ["publisher"], body: closeChannelsSchema }, async ({ db, user, params, body }) => {
  const r = await closeChannels(db, user, params.name, body);
  return { "closed-channels": r.closed, ...presentChannelMap(r.channelMap) };
});
