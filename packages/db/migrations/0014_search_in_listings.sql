-- A search reads its matches from one index on (currency, words) and ranks them from the listing
-- row: before, every match was joined to its product, which was most of a common word's cost.
-- btree_gin lets one GIN index hold the currency beside the words (half the time of a GIN on
-- the words alone, which must then be ANDed with the currency's rows). The embedded PGlite gets
-- the words-only index: its btree_gin hung a search in testing, and its catalogs are small.
ALTER TABLE "product_listings" ADD COLUMN "search_vector" "tsvector";--> statement-breakpoint
-- The copy changes no count, so the counts' update trigger (0013) sits it out: comparing a
-- whole catalog's old and new rows would only find nothing, slowly.
ALTER TABLE "product_listings" DISABLE TRIGGER "product_listings_counted_updated";--> statement-breakpoint
UPDATE "product_listings" pl SET "search_vector" = p."search_vector"
  FROM "products" p WHERE p."id" = pl."product_id";--> statement-breakpoint
ALTER TABLE "product_listings" ENABLE TRIGGER "product_listings_counted_updated";--> statement-breakpoint
ALTER TABLE "product_listings" ALTER COLUMN "search_vector" SET NOT NULL;--> statement-breakpoint
DO $$ BEGIN
  IF version() NOT LIKE '%emscripten%' AND EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'btree_gin') THEN
    CREATE EXTENSION IF NOT EXISTS btree_gin;
    CREATE INDEX "product_listings_search_idx" ON "product_listings" USING gin ("currency","search_vector");
  ELSE
    CREATE INDEX "product_listings_search_idx" ON "product_listings" USING gin ("search_vector");
  END IF;
END $$;--> statement-breakpoint
-- The refresh of 0011, now copying the product's search_vector too.
CREATE OR REPLACE FUNCTION "refresh_product_listings"("ids" uuid[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  "mine" uuid[];
  "busy" uuid[];
BEGIN
  IF coalesce(cardinality("ids"), 0) = 0 THEN RETURN; END IF;
  SELECT array_agg("id") FILTER (WHERE "locked"), array_agg("id") FILTER (WHERE NOT "locked")
  INTO "mine", "busy"
  FROM (
    -- One of 256 locks by the id's hash, not one per product: an import refreshing thousands of
    -- products would fill PostgreSQL's shared lock table. Products sharing a lock just queue.
    SELECT "id", pg_try_advisory_xact_lock(1819505778, hashtext("id"::text) & 255) AS "locked"
    FROM (SELECT DISTINCT unnest("ids") AS "id") d
  ) l;
  IF "busy" IS NOT NULL THEN
    INSERT INTO "listing_refresh_queue" ("product_id") SELECT unnest("busy");
  END IF;
  IF "mine" IS NULL THEN RETURN; END IF;
  "ids" := "mine";
  WITH "fresh" AS (
    SELECT p."id" AS "product_id", vp."currency", p."category_id",
      min(vp."amount") AS "price_min", max(vp."amount") AS "price_max",
      (array_agg(vp."compare_at_amount" ORDER BY vp."amount", v."position", v."id"))[1] AS "compare_at",
      coalesce(bool_or(l."on_hand" - l."reserved" > 0), false) AS "in_stock",
      p."created_at", lower(p."title") AS "title_key", p."search_vector",
      coalesce((
        SELECT array_agg(DISTINCT o."name" || chr(31) || ov."value")
        FROM "variants" lv
        JOIN "variant_option_values" x ON x."variant_id" = lv."id"
        JOIN "product_options" o ON o."id" = x."option_id"
        JOIN "product_option_values" ov ON ov."id" = x."value_id"
        WHERE lv."product_id" = p."id" AND lv."archived_at" IS NULL), '{}') AS "option_values"
    -- Joined, not `= ANY("ids")`: an import's thousands of ids would be searched once per row.
    FROM (SELECT DISTINCT unnest("ids") AS "id") t
    JOIN "products" p ON p."id" = t."id"
    JOIN "variants" v ON v."product_id" = p."id" AND v."archived_at" IS NULL
    JOIN "variant_prices" vp ON vp."variant_id" = v."id"
    LEFT JOIN "inventory_levels" l ON l."variant_id" = v."id"
    WHERE p."status" = 'active'
    GROUP BY p."id", vp."currency"
  ), "upserted" AS (
    -- Upserts, in key order, so concurrent refreshes of one product neither clash nor deadlock.
    INSERT INTO "product_listings" ("product_id", "currency", "category_id", "price_min", "price_max",
      "compare_at", "in_stock", "created_at", "title_key", "search_vector", "option_values")
    SELECT * FROM "fresh" ORDER BY "currency", "product_id"
    ON CONFLICT ("currency", "product_id") DO UPDATE SET
      "category_id" = excluded."category_id", "price_min" = excluded."price_min",
      "price_max" = excluded."price_max", "compare_at" = excluded."compare_at",
      "in_stock" = excluded."in_stock", "created_at" = excluded."created_at",
      "title_key" = excluded."title_key", "option_values" = excluded."option_values",
      "search_vector" = excluded."search_vector"
    WHERE ("product_listings"."category_id", "product_listings"."price_min", "product_listings"."price_max",
      "product_listings"."compare_at", "product_listings"."in_stock", "product_listings"."created_at",
      "product_listings"."title_key", "product_listings"."option_values",
      "product_listings"."search_vector")
      IS DISTINCT FROM (excluded."category_id", excluded."price_min", excluded."price_max",
      excluded."compare_at", excluded."in_stock", excluded."created_at", excluded."title_key",
      excluded."option_values", excluded."search_vector")
  )
  DELETE FROM "product_listings" pl
  WHERE pl."product_id" IN (SELECT unnest("ids"))
    AND NOT EXISTS (SELECT 1 FROM "fresh" f WHERE f."product_id" = pl."product_id" AND f."currency" = pl."currency");
END $$;--> statement-breakpoint
