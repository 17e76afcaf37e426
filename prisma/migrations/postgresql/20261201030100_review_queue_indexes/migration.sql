-- DropIndex
DROP INDEX "ReviewRequest_status_type_idx";

-- DropIndex
DROP INDEX "ReviewRequest_status_createdAt_idx";

-- CreateIndex
CREATE INDEX "ReviewRequest_status_type_createdAt_id_idx" ON "ReviewRequest"("status", "type", "createdAt", "id");

-- CreateIndex
CREATE INDEX "ReviewRequest_status_createdAt_id_idx" ON "ReviewRequest"("status", "createdAt", "id");

-- CreateIndex
CREATE INDEX "ReviewRequest_status_decidedAt_idx" ON "ReviewRequest"("status", "decidedAt");

-- CreateIndex
CREATE INDEX "ReviewRequest_createdAt_idx" ON "ReviewRequest"("createdAt");

-- CreateIndex
CREATE INDEX "ReviewRequest_requesterId_idx" ON "ReviewRequest"("requesterId");

