-- CreateTable
CREATE TABLE "CatalogueGen" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "gen" INTEGER NOT NULL DEFAULT 0
);

-- AlterTable
ALTER TABLE "Media" ADD COLUMN "height" INTEGER;
ALTER TABLE "Media" ADD COLUMN "width" INTEGER;

-- The one generation row, moved by every catalogue write: each snap mark in SearchDirty (the
-- search_index triggers already fire on Snap, Release, Revision and Account writes) and each
-- Media write (icons and screenshots are in the store API's answers, not in the search index).
INSERT INTO "CatalogueGen" ("id", "gen") VALUES (1, 0);
CREATE TRIGGER "CatalogueGen_dirty_ins" AFTER INSERT ON "SearchDirty" BEGIN
  UPDATE "CatalogueGen" SET "gen" = "gen" + 1 WHERE "id" = 1;
END;
CREATE TRIGGER "CatalogueGen_dirty_upd" AFTER UPDATE ON "SearchDirty" BEGIN
  UPDATE "CatalogueGen" SET "gen" = "gen" + 1 WHERE "id" = 1;
END;
CREATE TRIGGER "CatalogueGen_media_ins" AFTER INSERT ON "Media" BEGIN
  UPDATE "CatalogueGen" SET "gen" = "gen" + 1 WHERE "id" = 1;
END;
CREATE TRIGGER "CatalogueGen_media_upd" AFTER UPDATE ON "Media" BEGIN
  UPDATE "CatalogueGen" SET "gen" = "gen" + 1 WHERE "id" = 1;
END;
CREATE TRIGGER "CatalogueGen_media_del" AFTER DELETE ON "Media" BEGIN
  UPDATE "CatalogueGen" SET "gen" = "gen" + 1 WHERE "id" = 1;
END;
CREATE TRIGGER "CatalogueGen_revision_del" AFTER DELETE ON "Revision" BEGIN
  UPDATE "CatalogueGen" SET "gen" = "gen" + 1 WHERE "id" = 1;
END;
