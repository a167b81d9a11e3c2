CREATE TABLE "product_listing_counts" (
	"currency" text NOT NULL,
	"category_id" uuid NOT NULL,
	"in_stock" boolean NOT NULL,
	"facet" text NOT NULL,
	"n" integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX "product_listing_counts_key_idx" ON "product_listing_counts" USING btree ("currency","category_id","in_stock","facet");--> statement-breakpoint
-- Folds the rows of these currencies' and categories' keys into one each, skipping rows another
-- transaction holds (a later change folds them). Under repeatable read a row deleted since the
-- snapshot would fail the transaction, so only read-committed transactions fold.
CREATE FUNCTION "product_listing_counts_fold"("currencies" text[], "categories" uuid[])
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('transaction_isolation') <> 'read committed' THEN RETURN; END IF;
  WITH "gone" AS (
    DELETE FROM "product_listing_counts" c WHERE c.ctid IN (
      SELECT k.ctid FROM "product_listing_counts" k
      WHERE k."currency" = ANY("currencies") AND k."category_id" = ANY("categories")
      FOR UPDATE SKIP LOCKED)
    RETURNING c."currency", c."category_id", c."in_stock", c."facet", c."n"
  )
  INSERT INTO "product_listing_counts" ("currency", "category_id", "in_stock", "facet", "n")
  SELECT "currency", "category_id", "in_stock", "facet", sum("n") FROM "gone"
  GROUP BY 1, 2, 3, 4 HAVING sum("n") <> 0;
END $$;--> statement-breakpoint
-- A statement's changes to the listings, as signed counts per key (see schema/listing-counts.ts).
CREATE FUNCTION "product_listing_counts_inserted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "product_listing_counts" ("currency", "category_id", "in_stock", "facet", "n")
  SELECT r."currency", r."category_id", r."in_stock", f, count(*)
  FROM "new_rows" r, unnest(array_append(r."option_values", '')) f GROUP BY 1, 2, 3, 4;
  PERFORM "product_listing_counts_fold"(array(SELECT DISTINCT "currency" FROM "new_rows"),
    array(SELECT DISTINCT "category_id" FROM "new_rows"));
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION "product_listing_counts_deleted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "product_listing_counts" ("currency", "category_id", "in_stock", "facet", "n")
  SELECT r."currency", r."category_id", r."in_stock", f, -count(*)
  FROM "old_rows" r, unnest(array_append(r."option_values", '')) f GROUP BY 1, 2, 3, 4;
  PERFORM "product_listing_counts_fold"(array(SELECT DISTINCT "currency" FROM "old_rows"),
    array(SELECT DISTINCT "category_id" FROM "old_rows"));
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION "product_listing_counts_updated"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Most updates (a price) change no key: nothing to write.
  IF NOT EXISTS (
    SELECT 1 FROM "new_rows" n JOIN "old_rows" o USING ("currency", "product_id")
    WHERE (n."category_id", n."in_stock", n."option_values")
      IS DISTINCT FROM (o."category_id", o."in_stock", o."option_values")
  ) THEN RETURN NULL; END IF;
  INSERT INTO "product_listing_counts" ("currency", "category_id", "in_stock", "facet", "n")
  SELECT "currency", "category_id", "in_stock", f, sum("d") FROM (
    SELECT r."currency", r."category_id", r."in_stock", r."option_values", 1 AS "d" FROM "new_rows" r
    UNION ALL
    SELECT r."currency", r."category_id", r."in_stock", r."option_values", -1 FROM "old_rows" r
  ) c, unnest(array_append(c."option_values", '')) f
  GROUP BY 1, 2, 3, 4 HAVING sum("d") <> 0;
  PERFORM "product_listing_counts_fold"(
    array(SELECT "currency" FROM "new_rows" UNION SELECT "currency" FROM "old_rows"),
    array(SELECT "category_id" FROM "new_rows" UNION SELECT "category_id" FROM "old_rows"));
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION "product_listing_counts_truncated"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "product_listing_counts";
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "product_listings_counted_inserted" AFTER INSERT ON "product_listings"
  REFERENCING NEW TABLE AS "new_rows" FOR EACH STATEMENT EXECUTE FUNCTION "product_listing_counts_inserted"();--> statement-breakpoint
CREATE TRIGGER "product_listings_counted_updated" AFTER UPDATE ON "product_listings"
  REFERENCING NEW TABLE AS "new_rows" OLD TABLE AS "old_rows"
  FOR EACH STATEMENT EXECUTE FUNCTION "product_listing_counts_updated"();--> statement-breakpoint
CREATE TRIGGER "product_listings_counted_deleted" AFTER DELETE ON "product_listings"
  REFERENCING OLD TABLE AS "old_rows" FOR EACH STATEMENT EXECUTE FUNCTION "product_listing_counts_deleted"();--> statement-breakpoint
CREATE TRIGGER "product_listings_counted_truncated" AFTER TRUNCATE ON "product_listings"
  FOR EACH STATEMENT EXECUTE FUNCTION "product_listing_counts_truncated"();--> statement-breakpoint
INSERT INTO "product_listing_counts" ("currency", "category_id", "in_stock", "facet", "n")
  SELECT "currency", "category_id", "in_stock", f, count(*)::int
  FROM "product_listings", unnest(array_append("option_values", '')) f
  GROUP BY 1, 2, 3, 4;
