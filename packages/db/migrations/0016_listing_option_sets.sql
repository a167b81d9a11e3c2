-- Facets group a currency's listings by category, stock, option values and price; grouping by the
-- arrays of option values took most of a price range's facets over 100,000 listings (read from
-- the table). Each distinct array now has a number, set on the listing by a trigger, and one
-- index holds what facets group by, so they read it alone (95 -> 32 ms for a price range).
CREATE TABLE "listing_option_sets" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "listing_option_sets_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"option_values" text[] NOT NULL
);
--> statement-breakpoint
CREATE INDEX "listing_option_sets_values_idx" ON "listing_option_sets" USING hash ("option_values");--> statement-breakpoint
-- The number of a set of option values, added when new. Two writers adding the same set at once
-- may give it two numbers (no unique index: a btree entry cannot hold a long array); either is
-- right, as facets sum their counts over groups and read each group's values.
CREATE FUNCTION "listing_option_set_id"("vals" text[]) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  "found" integer;
BEGIN
  SELECT "id" INTO "found" FROM "listing_option_sets" WHERE "option_values" = "vals" LIMIT 1;
  IF "found" IS NULL THEN
    INSERT INTO "listing_option_sets" ("option_values") VALUES ("vals") RETURNING "id" INTO "found";
  END IF;
  RETURN "found";
END $$;--> statement-breakpoint
ALTER TABLE "product_listings" ADD COLUMN "option_set_id" integer;--> statement-breakpoint
INSERT INTO "listing_option_sets" ("option_values")
  SELECT DISTINCT "option_values" FROM "product_listings";--> statement-breakpoint
-- Numbering the listings changes no count: the counts' update trigger (0013) sits it out.
ALTER TABLE "product_listings" DISABLE TRIGGER "product_listings_counted_updated";--> statement-breakpoint
UPDATE "product_listings" pl SET "option_set_id" = s."id"
  FROM "listing_option_sets" s WHERE s."option_values" = pl."option_values";--> statement-breakpoint
ALTER TABLE "product_listings" ENABLE TRIGGER "product_listings_counted_updated";--> statement-breakpoint
ALTER TABLE "product_listings" ALTER COLUMN "option_set_id" SET NOT NULL;--> statement-breakpoint
CREATE FUNCTION "product_listings_number_option_set"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW."option_values" = OLD."option_values" THEN RETURN NEW; END IF;
  NEW."option_set_id" := "listing_option_set_id"(NEW."option_values");
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER "product_listings_numbered_option_set" BEFORE INSERT OR UPDATE OF "option_values"
  ON "product_listings" FOR EACH ROW EXECUTE FUNCTION "product_listings_number_option_set"();--> statement-breakpoint
CREATE INDEX "product_listings_facet_idx" ON "product_listings" USING btree ("currency","category_id","in_stock","option_set_id","price_min");
