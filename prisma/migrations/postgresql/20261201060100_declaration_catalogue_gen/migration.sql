-- A snap's page shows what each plug gets (auto-connects or not), which follows the snap's current
-- snap-declaration, so a new declaration revision (a reviewer's grant) moves the catalogue
-- generation too: the page cache in front of Next (server/page-cache.ts) and the store API
-- caches drop what they hold, on every instance. Deferred to COMMIT, as the other bumps
-- (migration catalogue_gen says why).
CREATE CONSTRAINT TRIGGER "CatalogueGen_declaration" AFTER INSERT OR UPDATE OR DELETE ON "SnapDeclaration" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "catalogue_gen_bump"();
