-- AlterTable
ALTER TABLE "Snap" ADD COLUMN     "listingEdited" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "SearchDoc" (
    "snapId" TEXT NOT NULL,
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
    "releasedAt" TIMESTAMP(3),
    "firstReleasedAt" TIMESTAMP(3),

    CONSTRAINT "SearchDoc_pkey" PRIMARY KEY ("snapId")
);

-- CreateTable
CREATE TABLE "SearchKey" (
    "key" TEXT NOT NULL,
    "snapId" TEXT NOT NULL,

    CONSTRAINT "SearchKey_pkey" PRIMARY KEY ("key","snapId")
);

-- CreateTable
CREATE TABLE "SearchDirty" (
    "snapId" TEXT NOT NULL,
    "gen" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "SearchDirty_pkey" PRIMARY KEY ("snapId")
);

-- CreateIndex
CREATE INDEX "SearchDoc_listed_name_idx" ON "SearchDoc"("listed", "name");

-- CreateIndex
CREATE INDEX "SearchKey_snapId_idx" ON "SearchKey"("snapId");

-- AddForeignKey
ALTER TABLE "SearchDoc" ADD CONSTRAINT "SearchDoc_snapId_fkey" FOREIGN KEY ("snapId") REFERENCES "Snap"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SearchKey" ADD CONSTRAINT "SearchKey_snapId_fkey" FOREIGN KEY ("snapId") REFERENCES "Snap"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written (not from the Prisma diff): full-text index and the triggers that mark a snap's
-- search document stale on any write that can change it (lib/server/search-index.ts rebuilds it).
CREATE INDEX "SearchDoc_body_fts" ON "SearchDoc" USING GIN (to_tsvector('simple', "body"));

CREATE FUNCTION "search_mark_dirty"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  IF TG_OP = 'DELETE' THEN r := OLD; ELSE r := NEW; END IF;
  IF TG_TABLE_NAME = 'Snap' THEN
    INSERT INTO "SearchDirty" ("snapId", "gen") VALUES (r."id", 0) ON CONFLICT ("snapId") DO UPDATE SET "gen" = "SearchDirty"."gen" + 1;
  ELSIF TG_TABLE_NAME = 'Account' THEN
    INSERT INTO "SearchDirty" ("snapId", "gen") SELECT s."id", 0 FROM "Snap" s WHERE s."ownerId" = r."id"
      ON CONFLICT ("snapId") DO UPDATE SET "gen" = "SearchDirty"."gen" + 1;
  ELSE
    INSERT INTO "SearchDirty" ("snapId", "gen") VALUES (r."snapId", 0) ON CONFLICT ("snapId") DO UPDATE SET "gen" = "SearchDirty"."gen" + 1;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "SearchDirty_snap" AFTER INSERT OR UPDATE OR DELETE ON "Snap" FOR EACH ROW EXECUTE FUNCTION "search_mark_dirty"();
CREATE TRIGGER "SearchDirty_release" AFTER INSERT OR UPDATE OR DELETE ON "Release" FOR EACH ROW EXECUTE FUNCTION "search_mark_dirty"();
CREATE TRIGGER "SearchDirty_revision" AFTER INSERT OR UPDATE ON "Revision" FOR EACH ROW EXECUTE FUNCTION "search_mark_dirty"();
CREATE TRIGGER "SearchDirty_account" AFTER UPDATE ON "Account" FOR EACH ROW EXECUTE FUNCTION "search_mark_dirty"();

-- Existing snaps get their search documents built on the first search after the upgrade.
INSERT INTO "SearchDirty" ("snapId", "gen") SELECT "id", 0 FROM "Snap";
