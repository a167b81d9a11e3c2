-- Facets read `product_listings_facet_idx` alone (0016) only where the table's visibility map says
-- a page's rows are visible to all; a changed row clears its page's bit until VACUUM sets it
-- again. Updating 5% of 100,000 listings (scattered, as stock flips and price changes are) left
-- 72% of them to be fetched from the table, and a price range's facets took 55 ms instead of 17.
-- PostgreSQL's default waits for 20% of the table to change; here autovacuum follows at ~1%.
-- (PGlite runs no autovacuum; the setting is kept there and does nothing.)
ALTER TABLE "product_listings" SET (
  autovacuum_vacuum_threshold = 1000,
  autovacuum_vacuum_scale_factor = 0.01,
  autovacuum_vacuum_insert_threshold = 1000,
  autovacuum_vacuum_insert_scale_factor = 0.01
);
