-- CreateTable
CREATE TABLE "CatalogueChange" (
    "snapId" TEXT NOT NULL PRIMARY KEY,
    "gen" INTEGER NOT NULL
);

-- CreateIndex
CREATE INDEX "CatalogueChange_gen_idx" ON "CatalogueChange"("gen");


-- Every trigger that moves the generation now also records, in the same statement list, which
-- snap moved it and to which generation (after the bump, so the row holds the new value). One
-- body per trigger: SQLite fires separate triggers on one event in no documented order, and a
-- change recorded under the generation before the bump would be missed by an instance that had
-- already seen that generation.
DROP TRIGGER "CatalogueGen_dirty_ins";
CREATE TRIGGER "CatalogueGen_dirty_ins" AFTER INSERT ON "SearchDirty" BEGIN
  UPDATE "CatalogueGen" SET "gen" = "gen" + 1 WHERE "id" = 1;
  INSERT INTO "CatalogueChange" ("snapId", "gen") SELECT NEW."snapId", "gen" FROM "CatalogueGen" WHERE "id" = 1
    ON CONFLICT ("snapId") DO UPDATE SET "gen" = excluded."gen";
END;
DROP TRIGGER "CatalogueGen_dirty_upd";
CREATE TRIGGER "CatalogueGen_dirty_upd" AFTER UPDATE ON "SearchDirty" BEGIN
  UPDATE "CatalogueGen" SET "gen" = "gen" + 1 WHERE "id" = 1;
  INSERT INTO "CatalogueChange" ("snapId", "gen") SELECT NEW."snapId", "gen" FROM "CatalogueGen" WHERE "id" = 1
    ON CONFLICT ("snapId") DO UPDATE SET "gen" = excluded."gen";
END;
DROP TRIGGER "CatalogueGen_media_ins";
CREATE TRIGGER "CatalogueGen_media_ins" AFTER INSERT ON "Media" BEGIN
  UPDATE "CatalogueGen" SET "gen" = "gen" + 1 WHERE "id" = 1;
  INSERT INTO "CatalogueChange" ("snapId", "gen") SELECT NEW."snapId", "gen" FROM "CatalogueGen" WHERE "id" = 1
    ON CONFLICT ("snapId") DO UPDATE SET "gen" = excluded."gen";
END;
DROP TRIGGER "CatalogueGen_media_upd";
CREATE TRIGGER "CatalogueGen_media_upd" AFTER UPDATE ON "Media" BEGIN
  UPDATE "CatalogueGen" SET "gen" = "gen" + 1 WHERE "id" = 1;
  INSERT INTO "CatalogueChange" ("snapId", "gen") SELECT NEW."snapId", "gen" FROM "CatalogueGen" WHERE "id" = 1
    ON CONFLICT ("snapId") DO UPDATE SET "gen" = excluded."gen";
END;
DROP TRIGGER "CatalogueGen_media_del";
CREATE TRIGGER "CatalogueGen_media_del" AFTER DELETE ON "Media" BEGIN
  UPDATE "CatalogueGen" SET "gen" = "gen" + 1 WHERE "id" = 1;
  INSERT INTO "CatalogueChange" ("snapId", "gen") SELECT OLD."snapId", "gen" FROM "CatalogueGen" WHERE "id" = 1
    ON CONFLICT ("snapId") DO UPDATE SET "gen" = excluded."gen";
END;
DROP TRIGGER "CatalogueGen_revision_del";
CREATE TRIGGER "CatalogueGen_revision_del" AFTER DELETE ON "Revision" BEGIN
  UPDATE "CatalogueGen" SET "gen" = "gen" + 1 WHERE "id" = 1;
  INSERT INTO "CatalogueChange" ("snapId", "gen") SELECT OLD."snapId", "gen" FROM "CatalogueGen" WHERE "id" = 1
    ON CONFLICT ("snapId") DO UPDATE SET "gen" = excluded."gen";
END;
DROP TRIGGER "CatalogueGen_declaration_ins";
CREATE TRIGGER "CatalogueGen_declaration_ins" AFTER INSERT ON "SnapDeclaration" BEGIN
  UPDATE "CatalogueGen" SET "gen" = "gen" + 1 WHERE "id" = 1;
  INSERT INTO "CatalogueChange" ("snapId", "gen") SELECT NEW."snapId", "gen" FROM "CatalogueGen" WHERE "id" = 1
    ON CONFLICT ("snapId") DO UPDATE SET "gen" = excluded."gen";
END;
DROP TRIGGER "CatalogueGen_declaration_upd";
CREATE TRIGGER "CatalogueGen_declaration_upd" AFTER UPDATE ON "SnapDeclaration" BEGIN
  UPDATE "CatalogueGen" SET "gen" = "gen" + 1 WHERE "id" = 1;
  INSERT INTO "CatalogueChange" ("snapId", "gen") SELECT NEW."snapId", "gen" FROM "CatalogueGen" WHERE "id" = 1
    ON CONFLICT ("snapId") DO UPDATE SET "gen" = excluded."gen";
END;
DROP TRIGGER "CatalogueGen_declaration_del";
CREATE TRIGGER "CatalogueGen_declaration_del" AFTER DELETE ON "SnapDeclaration" BEGIN
  UPDATE "CatalogueGen" SET "gen" = "gen" + 1 WHERE "id" = 1;
  INSERT INTO "CatalogueChange" ("snapId", "gen") SELECT OLD."snapId", "gen" FROM "CatalogueGen" WHERE "id" = 1
    ON CONFLICT ("snapId") DO UPDATE SET "gen" = excluded."gen";
END;
