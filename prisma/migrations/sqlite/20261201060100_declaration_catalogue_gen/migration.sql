-- A snap's page shows what each plug gets (auto-connects or not), which follows the snap's current
-- snap-declaration, so a new declaration revision (a reviewer's grant) moves the catalogue
-- generation too: the page cache in front of Next (server/page-cache.ts) and the store API
-- caches drop what they hold, on every instance.
CREATE TRIGGER "CatalogueGen_declaration_ins" AFTER INSERT ON "SnapDeclaration" BEGIN
  UPDATE "CatalogueGen" SET "gen" = "gen" + 1 WHERE "id" = 1;
END;
CREATE TRIGGER "CatalogueGen_declaration_upd" AFTER UPDATE ON "SnapDeclaration" BEGIN
  UPDATE "CatalogueGen" SET "gen" = "gen" + 1 WHERE "id" = 1;
END;
CREATE TRIGGER "CatalogueGen_declaration_del" AFTER DELETE ON "SnapDeclaration" BEGIN
  UPDATE "CatalogueGen" SET "gen" = "gen" + 1 WHERE "id" = 1;
END;
