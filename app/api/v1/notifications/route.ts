import { apiRoute } from "@/lib/api/handler";
import { kebabKeys } from "@/lib/api/present";
import { markReadActionSchema } from "@/lib/schemas/review";
import { listNotifications, markNotificationsRead, unreadNotificationCount } from "@/lib/server/review-queue";

export const dynamic = "force-dynamic";

/** Any signed-in user: their notifications, newest first, and the unread count. */
export const GET = apiRoute({}, async ({ db, user }) =>
  kebabKeys({ unread: await unreadNotificationCount(db, user), notifications: await listNotifications(db, user) }),
);

/** Mark one ({id}) or all ({}) read. */
export const POST = apiRoute({ body: markReadActionSchema }, async ({ db, user, body }) => ({
  marked: await markNotificationsRead(db, user, body.id),
}));
