CREATE INDEX "variant_option_values_product_idx" ON "variant_option_values" USING btree ("product_id");--> statement-breakpoint
-- Bulk loads (the generated catalog) write a product's rows in several statements, and each
-- statement's trigger refreshed the same listings again. With `SET LOCAL bazaar.listings_refresh
-- = 'deferred'` the triggers leave the listings alone and the loader calls
-- refresh_product_listings() once for what it wrote, before it commits.
CREATE FUNCTION "product_listings_deferred"() RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT coalesce(current_setting('bazaar.listings_refresh', true), '') = 'deferred'
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION "product_listings_from_products"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF "product_listings_deferred"() THEN RETURN NULL; END IF;
  PERFORM "refresh_product_listings"(array(SELECT "id" FROM "changed"));
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION "product_listings_from_variants"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF "product_listings_deferred"() THEN RETURN NULL; END IF;
  PERFORM "refresh_product_listings"(array(SELECT DISTINCT "product_id" FROM "changed"));
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION "product_listings_from_variant_rows"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF "product_listings_deferred"() THEN RETURN NULL; END IF;
  PERFORM "refresh_product_listings"(array(
    SELECT DISTINCT v."product_id" FROM "changed" c JOIN "variants" v ON v."id" = c."variant_id"));
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION "product_listings_from_stock"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF "product_listings_deferred"() THEN RETURN NULL; END IF;
  PERFORM "refresh_product_listings"(array(
    SELECT DISTINCT v."product_id"
    FROM "new_levels" n JOIN "old_levels" o ON o."variant_id" = n."variant_id"
    JOIN "variants" v ON v."id" = n."variant_id"
    WHERE (n."on_hand" - n."reserved" > 0) <> (o."on_hand" - o."reserved" > 0)));
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION "product_listings_from_option_values"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF "product_listings_deferred"() THEN RETURN NULL; END IF;
  PERFORM "refresh_product_listings"(array(
    SELECT DISTINCT o."product_id" FROM "changed" c JOIN "product_options" o ON o."id" = c."option_id"));
  RETURN NULL;
END $$;
