-- CreateIndex
CREATE INDEX "SearchDoc_listed_private_verified_name_snapId_idx" ON "SearchDoc"("listed", "private", "verified" DESC, "name", "snapId");


-- Hand-written: each SearchFts row now has the rowid of its SearchDoc row, so a full-text match
-- is a set of integers the candidate query tests SearchDoc rows against while it walks the index
-- above, instead of reading every match's snapId from the FTS content and sorting them all
-- (lib/server/catalogue.ts, candidates; search-index.ts writes both rows in one transaction).
DELETE FROM "SearchFts";
INSERT INTO "SearchFts" (rowid, "snapId", "body") SELECT rowid, "snapId", "body" FROM "SearchDoc";

-- A document's FTS row goes with it, however the document goes (a rebuild, or the snap deleted and
-- the document with it by the foreign key): otherwise its rowid, reused by a later document, would
-- collide with the stale FTS row.
CREATE TRIGGER "SearchFts_doc_del" AFTER DELETE ON "SearchDoc" BEGIN
  DELETE FROM "SearchFts" WHERE rowid = OLD.rowid;
END;
