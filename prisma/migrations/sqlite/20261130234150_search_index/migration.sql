-- CreateTable
CREATE TABLE "SearchDoc" (
    "snapId" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "listed" BOOLEAN NOT NULL,
    "private" BOOLEAN NOT NULL,
    "ownerUserId" TEXT NOT NULL,
    "verified" BOOLEAN NOT NULL,
    "strict" BOOLEAN NOT NULL,
    "classic" BOOLEAN NOT NULL,
    "categories" TEXT NOT NULL,
    "tName" TEXT NOT NULL,
    "tTitle" TEXT NOT NULL,
    "tSummary" TEXT NOT NULL,
    "tMeta" TEXT NOT NULL,
    "tDesc" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "releasedAt" DATETIME,
    "firstReleasedAt" DATETIME,
    CONSTRAINT "SearchDoc_snapId_fkey" FOREIGN KEY ("snapId") REFERENCES "Snap" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SearchKey" (
    "key" TEXT NOT NULL,
    "snapId" TEXT NOT NULL,

    PRIMARY KEY ("key", "snapId"),
    CONSTRAINT "SearchKey_snapId_fkey" FOREIGN KEY ("snapId") REFERENCES "Snap" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SearchDirty" (
    "snapId" TEXT NOT NULL PRIMARY KEY,
    "gen" INTEGER NOT NULL DEFAULT 0
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Snap" (
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
    "listingEdited" TEXT NOT NULL DEFAULT '',
    "lastRevision" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Snap_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "Account" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Snap" ("categories", "classicGranted", "contact", "createdAt", "defaultTrack", "description", "id", "lastRevision", "license", "name", "nameStatus", "ownerId", "private", "snapId", "summary", "title", "updatedAt", "website") SELECT "categories", "classicGranted", "contact", "createdAt", "defaultTrack", "description", "id", "lastRevision", "license", "name", "nameStatus", "ownerId", "private", "snapId", "summary", "title", "updatedAt", "website" FROM "Snap";
DROP TABLE "Snap";
ALTER TABLE "new_Snap" RENAME TO "Snap";
CREATE UNIQUE INDEX "Snap_snapId_key" ON "Snap"("snapId");
CREATE UNIQUE INDEX "Snap_name_key" ON "Snap"("name");
CREATE INDEX "Snap_ownerId_idx" ON "Snap"("ownerId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "SearchDoc_listed_name_idx" ON "SearchDoc"("listed", "name");

-- CreateIndex
CREATE INDEX "SearchKey_snapId_idx" ON "SearchKey"("snapId");

-- Hand-written (not from the Prisma diff): full-text index and the triggers that mark a snap's
-- search document stale on any write that can change it (lib/server/search-index.ts rebuilds it).
CREATE VIRTUAL TABLE "SearchFts" USING fts5("snapId" UNINDEXED, "body", tokenize = 'unicode61', prefix = '2 3 4');

CREATE TRIGGER "SearchDirty_snap_ins" AFTER INSERT ON "Snap" BEGIN
  INSERT INTO "SearchDirty" ("snapId", "gen") VALUES (NEW."id", 0) ON CONFLICT ("snapId") DO UPDATE SET "gen" = "gen" + 1;
END;
CREATE TRIGGER "SearchDirty_snap_upd" AFTER UPDATE ON "Snap" BEGIN
  INSERT INTO "SearchDirty" ("snapId", "gen") VALUES (NEW."id", 0) ON CONFLICT ("snapId") DO UPDATE SET "gen" = "gen" + 1;
END;
CREATE TRIGGER "SearchDirty_snap_del" AFTER DELETE ON "Snap" BEGIN
  INSERT INTO "SearchDirty" ("snapId", "gen") VALUES (OLD."id", 0) ON CONFLICT ("snapId") DO UPDATE SET "gen" = "gen" + 1;
END;
CREATE TRIGGER "SearchDirty_release_ins" AFTER INSERT ON "Release" BEGIN
  INSERT INTO "SearchDirty" ("snapId", "gen") VALUES (NEW."snapId", 0) ON CONFLICT ("snapId") DO UPDATE SET "gen" = "gen" + 1;
END;
CREATE TRIGGER "SearchDirty_release_upd" AFTER UPDATE ON "Release" BEGIN
  INSERT INTO "SearchDirty" ("snapId", "gen") VALUES (NEW."snapId", 0) ON CONFLICT ("snapId") DO UPDATE SET "gen" = "gen" + 1;
END;
CREATE TRIGGER "SearchDirty_release_del" AFTER DELETE ON "Release" BEGIN
  INSERT INTO "SearchDirty" ("snapId", "gen") VALUES (OLD."snapId", 0) ON CONFLICT ("snapId") DO UPDATE SET "gen" = "gen" + 1;
END;
CREATE TRIGGER "SearchDirty_revision_ins" AFTER INSERT ON "Revision" BEGIN
  INSERT INTO "SearchDirty" ("snapId", "gen") VALUES (NEW."snapId", 0) ON CONFLICT ("snapId") DO UPDATE SET "gen" = "gen" + 1;
END;
CREATE TRIGGER "SearchDirty_revision_upd" AFTER UPDATE ON "Revision" BEGIN
  INSERT INTO "SearchDirty" ("snapId", "gen") VALUES (NEW."snapId", 0) ON CONFLICT ("snapId") DO UPDATE SET "gen" = "gen" + 1;
END;
CREATE TRIGGER "SearchDirty_account_upd" AFTER UPDATE ON "Account" BEGIN
  INSERT INTO "SearchDirty" ("snapId", "gen") SELECT "id", 0 FROM "Snap" WHERE "ownerId" = NEW."id" AND true ON CONFLICT ("snapId") DO UPDATE SET "gen" = "gen" + 1;
END;

-- Existing snaps get their search documents built on the first search after the upgrade.
INSERT INTO "SearchDirty" ("snapId", "gen") SELECT "id", 0 FROM "Snap";
