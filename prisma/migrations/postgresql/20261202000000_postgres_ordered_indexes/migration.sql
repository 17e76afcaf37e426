-- Hand-written, PostgreSQL only: two queries a non-C database collation kept off their indexes.
-- SQLite needs neither: it compares names in binary order, and its plans are named in the code.

-- The store API's name search (`/v2/snaps/find?name=PREFIX`, lib/server/store-api.ts findIds) is
-- a LIKE 'prefix%' on "Snap"."name", which a btree index serves only with text_pattern_ops under
-- a non-C collation: without it, a sequential scan of every snap (31 ms at 100k snaps; 0.5 ms).
CREATE INDEX "Snap_name_pattern_idx" ON "Snap" ("name" text_pattern_ops);

-- Browsing without a query (a category's page, the store API's `category=`) lists by name in
-- binary order (COLLATE "C", the order SQLite uses; lib/server/catalogue.ts). In that very order
-- the planner can walk the index and stop at the page when the filter matches many documents
-- (`category=games`, 100 names at 100k snaps: 40-50 ms -> 3-5 ms) instead of sorting every match;
-- for a rare filter it still scans. Not done for the full-text candidates (verified, then name):
-- there each walked row recomputes to_tsvector(body), which the planner does not price, and a
-- word matching 5% of the store took 149 ms walking against 40 ms through the GIN index.
CREATE INDEX "SearchDoc_listed_private_name_c_idx" ON "SearchDoc" ("listed", "private", ("name" COLLATE "C"));
