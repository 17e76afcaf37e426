-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "passwordHash" TEXT NOT NULL,
    "role" TEXT NOT NULL DEFAULT 'user',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "disabledAt" DATETIME
);

-- CreateTable
CREATE TABLE "Account" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "validation" TEXT NOT NULL DEFAULT 'unproven',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Account_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" DATETIME,
    "revokedAt" DATETIME,
    CONSTRAINT "ApiToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReservedName" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "reason" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Snap" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "snapId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "nameStatus" TEXT NOT NULL DEFAULT 'active',
    "title" TEXT,
    "summary" TEXT,
    "description" TEXT,
    "license" TEXT,
    "categories" JSONB NOT NULL,
    "website" TEXT,
    "contact" TEXT,
    "private" BOOLEAN NOT NULL DEFAULT false,
    "classicGranted" BOOLEAN NOT NULL DEFAULT false,
    "defaultTrack" TEXT,
    "lastRevision" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Snap_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "Account" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Revision" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "snapId" TEXT NOT NULL,
    "revision" INTEGER NOT NULL,
    "uploadId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'being_processed',
    "version" TEXT,
    "confinement" TEXT,
    "grade" TEXT,
    "type" TEXT,
    "base" TEXT,
    "architectures" JSONB NOT NULL,
    "compression" TEXT,
    "sha3_384" TEXT,
    "size" BIGINT NOT NULL DEFAULT 0,
    "snapYaml" TEXT,
    "meta" JSONB,
    "review" JSONB,
    "errors" JSONB NOT NULL,
    "uploaderId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processedAt" DATETIME,
    CONSTRAINT "Revision_snapId_fkey" FOREIGN KEY ("snapId") REFERENCES "Snap" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Revision_uploaderId_fkey" FOREIGN KEY ("uploaderId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Release" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "snapId" TEXT NOT NULL,
    "track" TEXT NOT NULL,
    "risk" TEXT NOT NULL,
    "branch" TEXT NOT NULL DEFAULT '',
    "architecture" TEXT NOT NULL,
    "revisionId" TEXT,
    "releasedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME,
    CONSTRAINT "Release_snapId_fkey" FOREIGN KEY ("snapId") REFERENCES "Snap" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Release_revisionId_fkey" FOREIGN KEY ("revisionId") REFERENCES "Revision" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReleaseEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "snapId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "architecture" TEXT NOT NULL,
    "revision" INTEGER,
    "action" TEXT NOT NULL,
    "actorId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ReleaseEvent_snapId_fkey" FOREIGN KEY ("snapId") REFERENCES "Snap" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ReleaseEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Media" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "snapId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "sha3_384" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Media_snapId_fkey" FOREIGN KEY ("snapId") REFERENCES "Snap" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReviewRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "snapId" TEXT NOT NULL,
    "revisionId" TEXT,
    "type" TEXT NOT NULL,
    "interface" TEXT,
    "plug" TEXT,
    "category" TEXT,
    "reasoning" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "requesterId" TEXT NOT NULL,
    "votingEndsAt" DATETIME,
    "decidedAt" DATETIME,
    "decidedById" TEXT,
    "decisionComment" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ReviewRequest_snapId_fkey" FOREIGN KEY ("snapId") REFERENCES "Snap" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ReviewRequest_revisionId_fkey" FOREIGN KEY ("revisionId") REFERENCES "Revision" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "ReviewRequest_requesterId_fkey" FOREIGN KEY ("requesterId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ReviewRequest_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Vote" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "requestId" TEXT NOT NULL,
    "voterId" TEXT NOT NULL,
    "value" INTEGER NOT NULL,
    "comment" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Vote_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "ReviewRequest" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Vote_voterId_fkey" FOREIGN KEY ("voterId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Comment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "requestId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Comment_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "ReviewRequest" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Comment_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SnapDeclaration" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "snapId" TEXT NOT NULL,
    "revision" INTEGER NOT NULL,
    "plugs" JSONB NOT NULL,
    "slots" JSONB NOT NULL,
    "body" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SnapDeclaration_snapId_fkey" FOREIGN KEY ("snapId") REFERENCES "Snap" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SnapDeclaration_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Device" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ownerId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "architecture" TEXT NOT NULL,
    "series" TEXT NOT NULL DEFAULT '16',
    "classic" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Device_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DeviceSnap" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "deviceId" TEXT NOT NULL,
    "snapId" TEXT NOT NULL,
    "revisionId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "mode" TEXT NOT NULL DEFAULT 'strict',
    "installedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "refreshedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DeviceSnap_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "DeviceSnap_snapId_fkey" FOREIGN KEY ("snapId") REFERENCES "Snap" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "DeviceSnap_revisionId_fkey" FOREIGN KEY ("revisionId") REFERENCES "Revision" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Connection" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "deviceId" TEXT NOT NULL,
    "interface" TEXT NOT NULL,
    "plugSnap" TEXT NOT NULL,
    "plug" TEXT NOT NULL,
    "slotSnap" TEXT NOT NULL,
    "slot" TEXT NOT NULL,
    "manual" BOOLEAN NOT NULL DEFAULT false,
    "undesired" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Connection_deviceId_fkey" FOREIGN KEY ("deviceId") REFERENCES "Device" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "actorId" TEXT,
    "action" TEXT NOT NULL,
    "targetType" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AuditLog_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "Account_userId_key" ON "Account"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Account_username_key" ON "Account"("username");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- CreateIndex
CREATE INDEX "ApiToken_userId_idx" ON "ApiToken"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Snap_snapId_key" ON "Snap"("snapId");

-- CreateIndex
CREATE UNIQUE INDEX "Snap_name_key" ON "Snap"("name");

-- CreateIndex
CREATE INDEX "Snap_ownerId_idx" ON "Snap"("ownerId");

-- CreateIndex
CREATE UNIQUE INDEX "Revision_uploadId_key" ON "Revision"("uploadId");

-- CreateIndex
CREATE INDEX "Revision_status_idx" ON "Revision"("status");

-- CreateIndex
CREATE UNIQUE INDEX "Revision_snapId_revision_key" ON "Revision"("snapId", "revision");

-- CreateIndex
CREATE UNIQUE INDEX "Release_snapId_track_risk_branch_architecture_key" ON "Release"("snapId", "track", "risk", "branch", "architecture");

-- CreateIndex
CREATE INDEX "ReleaseEvent_snapId_createdAt_idx" ON "ReleaseEvent"("snapId", "createdAt");

-- CreateIndex
CREATE INDEX "Media_snapId_type_idx" ON "Media"("snapId", "type");

-- CreateIndex
CREATE INDEX "ReviewRequest_status_type_idx" ON "ReviewRequest"("status", "type");

-- CreateIndex
CREATE INDEX "ReviewRequest_snapId_idx" ON "ReviewRequest"("snapId");

-- CreateIndex
CREATE UNIQUE INDEX "Vote_requestId_voterId_key" ON "Vote"("requestId", "voterId");

-- CreateIndex
CREATE INDEX "Comment_requestId_createdAt_idx" ON "Comment"("requestId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "SnapDeclaration_snapId_revision_key" ON "SnapDeclaration"("snapId", "revision");

-- CreateIndex
CREATE UNIQUE INDEX "Device_ownerId_name_key" ON "Device"("ownerId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "DeviceSnap_deviceId_snapId_key" ON "DeviceSnap"("deviceId", "snapId");

-- CreateIndex
CREATE UNIQUE INDEX "Connection_deviceId_plugSnap_plug_slotSnap_slot_key" ON "Connection"("deviceId", "plugSnap", "plug", "slotSnap", "slot");

-- CreateIndex
CREATE INDEX "AuditLog_targetType_targetId_idx" ON "AuditLog"("targetType", "targetId");

-- CreateIndex
CREATE INDEX "AuditLog_createdAt_idx" ON "AuditLog"("createdAt");

