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
-- Deferred constraint triggers: the bump runs at COMMIT, in the writing transaction (so the new
-- generation becomes visible together with the data), and the single row is locked only for the
-- commit itself rather than from a transaction's first catalogue write to its end, which would
-- serialise every writer and could deadlock two transactions locking other rows meanwhile.
INSERT INTO "CatalogueGen" ("id", "gen") VALUES (1, 0);
CREATE FUNCTION "catalogue_gen_bump"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "CatalogueGen" SET "gen" = "gen" + 1 WHERE "id" = 1;
  RETURN NULL;
END
$$;
CREATE CONSTRAINT TRIGGER "CatalogueGen_dirty" AFTER INSERT OR UPDATE ON "SearchDirty" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "catalogue_gen_bump"();
CREATE CONSTRAINT TRIGGER "CatalogueGen_media" AFTER INSERT OR UPDATE OR DELETE ON "Media" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "catalogue_gen_bump"();
CREATE CONSTRAINT TRIGGER "CatalogueGen_revision_del" AFTER DELETE ON "Revision" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "catalogue_gen_bump"();
