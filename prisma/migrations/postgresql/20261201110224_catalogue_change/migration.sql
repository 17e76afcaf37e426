-- CreateTable
CREATE TABLE "CatalogueChange" (
    "snapId" TEXT NOT NULL,
    "gen" INTEGER NOT NULL,

    CONSTRAINT "CatalogueChange_pkey" PRIMARY KEY ("snapId")
);

-- CreateIndex
CREATE INDEX "CatalogueChange_gen_idx" ON "CatalogueChange"("gen");


-- The function every generation trigger runs (migrations catalogue_gen, declaration_catalogue_gen)
-- now also records which snap moved the generation and to which value, in the same deferred step
-- at COMMIT: the row lock on CatalogueGen orders the commits, so a reader that sees generation G
-- also sees every change recorded under a generation up to G. Each source table has "snapId"
-- (Snap.id): SearchDirty, Media, Revision (delete) and SnapDeclaration.
CREATE OR REPLACE FUNCTION "catalogue_gen_bump"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  g INTEGER;
  sid TEXT;
BEGIN
  UPDATE "CatalogueGen" SET "gen" = "gen" + 1 WHERE "id" = 1 RETURNING "gen" INTO g;
  IF TG_OP = 'DELETE' THEN sid := OLD."snapId"; ELSE sid := NEW."snapId"; END IF;
  IF g IS NOT NULL THEN
    INSERT INTO "CatalogueChange" ("snapId", "gen") VALUES (sid, g)
      ON CONFLICT ("snapId") DO UPDATE SET "gen" = EXCLUDED."gen";
  END IF;
  RETURN NULL;
END
$$;
