// The reviewers' queue (docs/review.md): open requests oldest first, votes, decisions that take
// effect in the same transaction (classic grant, snap-declaration grants, flagged revisions,
// reserved names), an admin's revocation of a grant, and the requester's notifications. Every
// state change is a conditional update on the status the caller saw, so two reviewers deciding at
// once give exactly one decision and one "already decided" (both databases); the audit entry and
// the notification are written in the same transaction.
//   common         the reviewer check, voting period, loading an item for a vote or decision
//   queue, stats   the queue page (list, per-kind counts) and its weekly statistics
//   item           one item by page section
//   votes          votes and the voting extension
//   decisions      decisions and their effects, reply, outdated items
//   revoke         an admin's revocation of a grant
//   notifications  the requester's notifications
//   timeline       the publisher's view of a request
export { requireReviewer, votingDays } from "./common";
export { listNotifications, markNotificationsRead, notify, unreadNotificationCount } from "./notifications";
export { listQueue, type QueueItem, type QueuePage } from "./queue";
export { reviewStats, type ReviewStats } from "./stats";
export { getItem, type ReviewItem } from "./item";
export { extendVoting, vote } from "./votes";
export { decide, markRevisionItemsOutdated, mergePlugGrant, removePlugGrant, reopenAfterReply, type DecisionResult } from "./decisions";
export { revokeGrant } from "./revoke";
export { requestTimelines, waitingReview, type TimelineEntry, type WaitingReview } from "./timeline";
