-- CreateTable
CREATE TABLE "CatalogueGen" (
    "id" INTEGER NOT NULL,
    "gen" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "CatalogueGen_pkey" PRIMARY KEY ("id")
);

-- AlterTable
ALTER TABLE "Media" ADD COLUMN     "height" INTEGER,
ADD COLUMN     "width" INTEGER;

-- The one generation row, moved by every catalogue write: each snap mark in SearchDirty (the
-- search_index triggers already fire on Snap, Release, Revision and Account writes) and each
-- Media write (icons and screenshots are in the store API's answers, not in the search index).
-- Statement-level: one bump per write statement, whatever the number of rows.
INSERT INTO "CatalogueGen" ("id", "gen") VALUES (1, 0);
CREATE FUNCTION "catalogue_gen_bump"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "CatalogueGen" SET "gen" = "gen" + 1 WHERE "id" = 1;
  RETURN NULL;
END
$$;
CREATE TRIGGER "CatalogueGen_dirty" AFTER INSERT OR UPDATE ON "SearchDirty" FOR EACH STATEMENT EXECUTE FUNCTION "catalogue_gen_bump"();
CREATE TRIGGER "CatalogueGen_media" AFTER INSERT OR UPDATE OR DELETE ON "Media" FOR EACH STATEMENT EXECUTE FUNCTION "catalogue_gen_bump"();
CREATE TRIGGER "CatalogueGen_revision_del" AFTER DELETE ON "Revision" FOR EACH STATEMENT EXECUTE FUNCTION "catalogue_gen_bump"();
