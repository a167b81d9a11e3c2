CREATE TABLE "catalog_versions" (
	"id" boolean PRIMARY KEY DEFAULT true NOT NULL,
	"version" bigint DEFAULT 1 NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "product_listings" (
	"product_id" uuid NOT NULL,
	"currency" text NOT NULL,
	"category_id" uuid NOT NULL,
	"price_min" bigint NOT NULL,
	"price_max" bigint NOT NULL,
	"compare_at" bigint,
	"in_stock" boolean NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"title_key" text NOT NULL,
	"option_values" text[] NOT NULL,
	CONSTRAINT "product_listings_currency_product_id_pk" PRIMARY KEY("currency","product_id")
);
--> statement-breakpoint
CREATE TABLE "search_terms" (
	-- Byte order, so a prefix (LIKE 'jack%') can use the primary key's index.
	"term" text COLLATE "C" PRIMARY KEY NOT NULL
);
--> statement-breakpoint
-- drizzle-kit loses a custom type's expression; it is the one in schema/catalog.ts.
ALTER TABLE "products" ADD COLUMN "search_vector" tsvector GENERATED ALWAYS AS (setweight(to_tsvector('english'::regconfig, "title" || ' ' || regexp_replace("title", '([[:alnum:]])-([[:alnum:]])', '\1\2', 'g')), 'A') || setweight(to_tsvector('english'::regconfig, "description"), 'B')) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "product_listings" ADD CONSTRAINT "product_listings_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_listings" ADD CONSTRAINT "product_listings_currency_currencies_code_fk" FOREIGN KEY ("currency") REFERENCES "public"."currencies"("code") ON DELETE cascade ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "product_listings" ADD CONSTRAINT "product_listings_category_id_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."categories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "product_listings_newest_idx" ON "product_listings" USING btree ("currency","created_at" DESC NULLS LAST,"product_id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "product_listings_price_idx" ON "product_listings" USING btree ("currency","price_min","product_id");--> statement-breakpoint
CREATE INDEX "product_listings_name_idx" ON "product_listings" USING btree ("currency","title_key","product_id");--> statement-breakpoint
CREATE INDEX "product_listings_category_idx" ON "product_listings" USING btree ("currency","category_id","created_at" DESC NULLS LAST,"product_id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "product_listings_options_idx" ON "product_listings" USING gin ("option_values");--> statement-breakpoint
CREATE INDEX "product_listings_product_idx" ON "product_listings" USING btree ("product_id");--> statement-breakpoint
CREATE INDEX "search_terms_trgm_idx" ON "search_terms" USING gist ("term" gist_trgm_ops);--> statement-breakpoint
CREATE INDEX "products_search_idx" ON "products" USING gin ("search_vector");--> statement-breakpoint
-- ── The listing read model (see schema/search.ts) ─────────────────────────────────────────────
-- Products whose listing a transaction could not refresh (another held it): refreshed once that
-- one has committed, by the API's sweeper (`sweep_product_listings`).
CREATE TABLE "listing_refresh_queue" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
	"product_id" uuid NOT NULL
);--> statement-breakpoint
-- A product's listing is refreshed by one transaction at a time: the first to take the product's
-- advisory lock, held to its commit. Its statements see every change committed before; a change
-- made meanwhile by another transaction is queued by that one (never waiting, so writers cannot
-- deadlock here) and swept after it commits. So a listing is never left older than the data.
CREATE FUNCTION "refresh_product_listings"("ids" uuid[]) RETURNS void LANGUAGE plpgsql AS $$
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
      p."created_at", lower(p."title") AS "title_key",
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
      "compare_at", "in_stock", "created_at", "title_key", "option_values")
    SELECT * FROM "fresh" ORDER BY "currency", "product_id"
    ON CONFLICT ("currency", "product_id") DO UPDATE SET
      "category_id" = excluded."category_id", "price_min" = excluded."price_min",
      "price_max" = excluded."price_max", "compare_at" = excluded."compare_at",
      "in_stock" = excluded."in_stock", "created_at" = excluded."created_at",
      "title_key" = excluded."title_key", "option_values" = excluded."option_values"
    WHERE ("product_listings"."category_id", "product_listings"."price_min", "product_listings"."price_max",
      "product_listings"."compare_at", "product_listings"."in_stock", "product_listings"."created_at",
      "product_listings"."title_key", "product_listings"."option_values")
      IS DISTINCT FROM (excluded."category_id", excluded."price_min", excluded."price_max",
      excluded."compare_at", excluded."in_stock", excluded."created_at", excluded."title_key",
      excluded."option_values")
  )
  DELETE FROM "product_listings" pl
  WHERE pl."product_id" IN (SELECT unnest("ids"))
    AND NOT EXISTS (SELECT 1 FROM "fresh" f WHERE f."product_id" = pl."product_id" AND f."currency" = pl."currency");
END $$;--> statement-breakpoint
CREATE FUNCTION "product_listings_from_products"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "refresh_product_listings"(array(SELECT "id" FROM "changed"));
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "products_listing_inserted" AFTER INSERT ON "products"
  REFERENCING NEW TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "product_listings_from_products"();--> statement-breakpoint
CREATE TRIGGER "products_listing_updated" AFTER UPDATE ON "products"
  REFERENCING NEW TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "product_listings_from_products"();--> statement-breakpoint
CREATE FUNCTION "product_listings_from_variants"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "refresh_product_listings"(array(SELECT DISTINCT "product_id" FROM "changed"));
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "variants_listing_inserted" AFTER INSERT ON "variants"
  REFERENCING NEW TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "product_listings_from_variants"();--> statement-breakpoint
CREATE TRIGGER "variants_listing_updated" AFTER UPDATE ON "variants"
  REFERENCING NEW TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "product_listings_from_variants"();--> statement-breakpoint
CREATE TRIGGER "variants_listing_deleted" AFTER DELETE ON "variants"
  REFERENCING OLD TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "product_listings_from_variants"();--> statement-breakpoint
CREATE TRIGGER "variant_option_values_listing_inserted" AFTER INSERT ON "variant_option_values"
  REFERENCING NEW TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "product_listings_from_variants"();--> statement-breakpoint
CREATE TRIGGER "variant_option_values_listing_deleted" AFTER DELETE ON "variant_option_values"
  REFERENCING OLD TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "product_listings_from_variants"();--> statement-breakpoint
CREATE TRIGGER "product_options_listing_updated" AFTER UPDATE ON "product_options"
  REFERENCING NEW TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "product_listings_from_variants"();--> statement-breakpoint
CREATE FUNCTION "product_listings_from_variant_rows"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "refresh_product_listings"(array(
    SELECT DISTINCT v."product_id" FROM "changed" c JOIN "variants" v ON v."id" = c."variant_id"));
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "variant_prices_listing_inserted" AFTER INSERT ON "variant_prices"
  REFERENCING NEW TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "product_listings_from_variant_rows"();--> statement-breakpoint
CREATE TRIGGER "variant_prices_listing_updated" AFTER UPDATE ON "variant_prices"
  REFERENCING NEW TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "product_listings_from_variant_rows"();--> statement-breakpoint
CREATE TRIGGER "variant_prices_listing_deleted" AFTER DELETE ON "variant_prices"
  REFERENCING OLD TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "product_listings_from_variant_rows"();--> statement-breakpoint
CREATE TRIGGER "inventory_levels_listing_inserted" AFTER INSERT ON "inventory_levels"
  REFERENCING NEW TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "product_listings_from_variant_rows"();--> statement-breakpoint
CREATE TRIGGER "inventory_levels_listing_deleted" AFTER DELETE ON "inventory_levels"
  REFERENCING OLD TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "product_listings_from_variant_rows"();--> statement-breakpoint
-- Stock changes with every sale: the listing is refreshed only for variants whose "available"
-- crossed zero, so checkouts add a join of their own few rows, not a refresh.
CREATE FUNCTION "product_listings_from_stock"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "refresh_product_listings"(array(
    SELECT DISTINCT v."product_id"
    FROM "new_levels" n JOIN "old_levels" o ON o."variant_id" = n."variant_id"
    JOIN "variants" v ON v."id" = n."variant_id"
    WHERE (n."on_hand" - n."reserved" > 0) <> (o."on_hand" - o."reserved" > 0)));
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "inventory_levels_listing_updated" AFTER UPDATE ON "inventory_levels"
  REFERENCING NEW TABLE AS "new_levels" OLD TABLE AS "old_levels"
  FOR EACH STATEMENT EXECUTE FUNCTION "product_listings_from_stock"();--> statement-breakpoint
CREATE FUNCTION "product_listings_from_option_values"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "refresh_product_listings"(array(
    SELECT DISTINCT o."product_id" FROM "changed" c JOIN "product_options" o ON o."id" = c."option_id"));
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "product_option_values_listing_updated" AFTER UPDATE ON "product_option_values"
  REFERENCING NEW TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "product_listings_from_option_values"();--> statement-breakpoint
-- Refreshes queued products whose lock is free, in the sweeper's own transaction; returns how many
-- it took off the queue.
CREATE FUNCTION "sweep_product_listings"("batch" int) RETURNS int LANGUAGE plpgsql AS $$
DECLARE
  "taken" uuid[];
BEGIN
  WITH "rows" AS (
    DELETE FROM "listing_refresh_queue" WHERE "id" IN (
      SELECT "id" FROM "listing_refresh_queue" ORDER BY "id" LIMIT "batch" FOR UPDATE SKIP LOCKED)
    RETURNING "product_id"
  ) SELECT array_agg(DISTINCT "product_id") INTO "taken" FROM "rows";
  PERFORM "refresh_product_listings"("taken");
  -- Cached catalog reads must not keep what the sweep just changed.
  IF "taken" IS NOT NULL THEN
    UPDATE "catalog_versions" SET "version" = "version" + 1, "changed_at" = now();
  END IF;
  RETURN coalesce(cardinality("taken"), 0);
END $$;--> statement-breakpoint
-- ── Search words, for correcting misspelt ones ────────────────────────────────────────────────
CREATE FUNCTION "search_terms_of"("document" text) RETURNS SETOF text LANGUAGE sql IMMUTABLE AS $$
  SELECT w FROM unnest(tsvector_to_array(to_tsvector('simple'::regconfig, "document"))) w
  WHERE w ~ '^[[:alnum:]]{2,40}$'
$$;--> statement-breakpoint
CREATE FUNCTION "search_terms_from_products"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "search_terms" ("term")
  SELECT DISTINCT t FROM "changed" c,
    "search_terms_of"(c."title" || ' ' || regexp_replace(c."title", '([[:alnum:]])-([[:alnum:]])', '\1\2', 'g') || ' ' || c."description") t
  WHERE c."status" = 'active'
  ORDER BY 1
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "products_search_terms_inserted" AFTER INSERT ON "products"
  REFERENCING NEW TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "search_terms_from_products"();--> statement-breakpoint
CREATE TRIGGER "products_search_terms_updated" AFTER UPDATE ON "products"
  REFERENCING NEW TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "search_terms_from_products"();--> statement-breakpoint
-- ── The catalog version (see schema/search.ts) ────────────────────────────────────────────────
INSERT INTO "catalog_versions" ("id") VALUES (true);--> statement-breakpoint
ALTER TABLE "catalog_versions" ADD CONSTRAINT "catalog_versions_one_row" CHECK ("id");--> statement-breakpoint
-- Raised at commit (a deferred trigger), once per transaction: the new number and the changes
-- become visible together, and the row is the last lock a transaction takes, so it adds no
-- deadlock. Stock is left out: sales would serialise on this row.
CREATE FUNCTION "catalog_version_raise"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('bazaar.catalog_version_raised', true) IS DISTINCT FROM txid_current()::text THEN
    PERFORM set_config('bazaar.catalog_version_raised', txid_current()::text, true);
    UPDATE "catalog_versions" SET "version" = "version" + 1, "changed_at" = now();
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "products_catalog_version" AFTER INSERT OR UPDATE OR DELETE ON "products"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "catalog_version_raise"();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "variants_catalog_version" AFTER INSERT OR UPDATE OR DELETE ON "variants"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "catalog_version_raise"();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "variant_prices_catalog_version" AFTER INSERT OR UPDATE OR DELETE ON "variant_prices"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "catalog_version_raise"();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "categories_catalog_version" AFTER INSERT OR UPDATE OR DELETE ON "categories"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "catalog_version_raise"();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "currencies_catalog_version" AFTER INSERT OR UPDATE OR DELETE ON "currencies"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "catalog_version_raise"();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "product_images_catalog_version" AFTER INSERT OR UPDATE OR DELETE ON "product_images"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "catalog_version_raise"();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "product_options_catalog_version" AFTER INSERT OR UPDATE OR DELETE ON "product_options"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "catalog_version_raise"();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "product_option_values_catalog_version" AFTER INSERT OR UPDATE OR DELETE ON "product_option_values"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "catalog_version_raise"();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "variant_option_values_catalog_version" AFTER INSERT OR UPDATE OR DELETE ON "variant_option_values"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "catalog_version_raise"();--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "shop_settings_catalog_version" AFTER INSERT OR UPDATE OR DELETE ON "shop_settings"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "catalog_version_raise"();--> statement-breakpoint
-- Fill both from the catalog as it is.
SELECT "refresh_product_listings"(array(SELECT "id" FROM "products"));--> statement-breakpoint
INSERT INTO "search_terms" ("term")
  SELECT DISTINCT t FROM "products" c,
    "search_terms_of"(c."title" || ' ' || regexp_replace(c."title", '([[:alnum:]])-([[:alnum:]])', '\1\2', 'g') || ' ' || c."description") t
  WHERE c."status" = 'active'
  ON CONFLICT DO NOTHING;
