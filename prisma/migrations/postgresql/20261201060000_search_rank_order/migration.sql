-- CreateIndex
CREATE INDEX "SearchDoc_listed_private_verified_name_snapId_idx" ON "SearchDoc"("listed", "private", "verified" DESC, "name", "snapId");


-- Hand-written: the name-prefix candidates (tier 0 and 1) are a LIKE 'prefix%' on the name,
-- which a btree index serves only with text_pattern_ops under a non-C collation
-- (lib/server/catalogue.ts, nameCandidates).
CREATE INDEX "SearchDoc_name_pattern_idx" ON "SearchDoc" ("name" text_pattern_ops);
