CREATE TYPE "public"."stock_movement_reason" AS ENUM('initial', 'received', 'count', 'adjustment', 'import', 'reserved', 'released', 'sold', 'returned');--> statement-breakpoint
CREATE TABLE "product_option_values" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"option_id" uuid NOT NULL,
	"value" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "product_option_values_option_value_unique" UNIQUE("option_id","value"),
	CONSTRAINT "product_option_values_id_option_unique" UNIQUE("id","option_id")
);
--> statement-breakpoint
CREATE TABLE "product_options" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"product_id" uuid NOT NULL,
	"name" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "product_options_product_name_unique" UNIQUE("product_id","name"),
	CONSTRAINT "product_options_id_product_unique" UNIQUE("id","product_id")
);
--> statement-breakpoint
CREATE TABLE "variant_option_values" (
	"variant_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"option_id" uuid NOT NULL,
	"value_id" uuid NOT NULL,
	CONSTRAINT "variant_option_values_variant_id_option_id_pk" PRIMARY KEY("variant_id","option_id")
);
--> statement-breakpoint
CREATE TABLE "inventory_levels" (
	"variant_id" uuid PRIMARY KEY NOT NULL,
	"on_hand" integer DEFAULT 0 NOT NULL,
	"reserved" integer DEFAULT 0 NOT NULL,
	"low_stock_threshold" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inventory_on_hand_nonnegative" CHECK ("inventory_levels"."on_hand" >= 0),
	CONSTRAINT "inventory_reserved_within_on_hand" CHECK ("inventory_levels"."reserved" >= 0 and "inventory_levels"."reserved" <= "inventory_levels"."on_hand"),
	CONSTRAINT "inventory_threshold_nonnegative" CHECK ("inventory_levels"."low_stock_threshold" >= 0)
);
--> statement-breakpoint
CREATE TABLE "stock_movements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"variant_id" uuid NOT NULL,
	"reason" "stock_movement_reason" NOT NULL,
	"on_hand_delta" integer DEFAULT 0 NOT NULL,
	"reserved_delta" integer DEFAULT 0 NOT NULL,
	"on_hand_after" integer NOT NULL,
	"reserved_after" integer NOT NULL,
	"actor_id" uuid,
	"note" text DEFAULT '' NOT NULL,
	"reference" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "currencies" (
	"code" text PRIMARY KEY NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "currencies_code_iso" CHECK ("currencies"."code" ~ '^[A-Z]{3}$')
);
--> statement-breakpoint
CREATE TABLE "variant_prices" (
	"variant_id" uuid NOT NULL,
	"currency" text NOT NULL,
	"amount" bigint NOT NULL,
	"compare_at_amount" bigint,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "variant_prices_variant_id_currency_pk" PRIMARY KEY("variant_id","currency"),
	CONSTRAINT "variant_prices_amount_nonnegative" CHECK ("variant_prices"."amount" >= 0),
	CONSTRAINT "variant_prices_compare_at_above_amount" CHECK ("variant_prices"."compare_at_amount" is null or "variant_prices"."compare_at_amount" > "variant_prices"."amount")
);
--> statement-breakpoint
CREATE TABLE "shop_settings" (
	"id" boolean PRIMARY KEY DEFAULT true NOT NULL,
	"low_stock_threshold" integer DEFAULT 5 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "shop_settings_single_row" CHECK ("shop_settings"."id"),
	CONSTRAINT "shop_settings_threshold_nonnegative" CHECK ("shop_settings"."low_stock_threshold" >= 0)
);
--> statement-breakpoint
ALTER TABLE "variants" DROP CONSTRAINT "variants_stock_nonnegative";--> statement-breakpoint
ALTER TABLE "variants" DROP CONSTRAINT "variants_price_nonnegative";--> statement-breakpoint
ALTER TABLE "variants" DROP CONSTRAINT "variants_currency_iso";--> statement-breakpoint
ALTER TABLE "variants" DROP CONSTRAINT "variants_product_id_products_id_fk";
--> statement-breakpoint
ALTER TABLE "product_images" ADD COLUMN "variant_id" uuid;--> statement-breakpoint
ALTER TABLE "product_images" ADD COLUMN "option_value_id" uuid;--> statement-breakpoint
ALTER TABLE "variants" ADD COLUMN "option_key" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "variants" ADD COLUMN "archived_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "variants" ADD CONSTRAINT "variants_id_product_unique" UNIQUE("id","product_id");--> statement-breakpoint
ALTER TABLE "product_option_values" ADD CONSTRAINT "product_option_values_option_id_product_options_id_fk" FOREIGN KEY ("option_id") REFERENCES "public"."product_options"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_options" ADD CONSTRAINT "product_options_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "variant_option_values" ADD CONSTRAINT "variant_option_values_variant_fk" FOREIGN KEY ("variant_id","product_id") REFERENCES "public"."variants"("id","product_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "variant_option_values" ADD CONSTRAINT "variant_option_values_option_fk" FOREIGN KEY ("option_id","product_id") REFERENCES "public"."product_options"("id","product_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "variant_option_values" ADD CONSTRAINT "variant_option_values_value_fk" FOREIGN KEY ("value_id","option_id") REFERENCES "public"."product_option_values"("id","option_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory_levels" ADD CONSTRAINT "inventory_levels_variant_id_variants_id_fk" FOREIGN KEY ("variant_id") REFERENCES "public"."variants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_variant_id_variants_id_fk" FOREIGN KEY ("variant_id") REFERENCES "public"."variants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_movements" ADD CONSTRAINT "stock_movements_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "variant_prices" ADD CONSTRAINT "variant_prices_variant_id_variants_id_fk" FOREIGN KEY ("variant_id") REFERENCES "public"."variants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "variant_prices" ADD CONSTRAINT "variant_prices_currency_currencies_code_fk" FOREIGN KEY ("currency") REFERENCES "public"."currencies"("code") ON DELETE restrict ON UPDATE cascade;--> statement-breakpoint
CREATE INDEX "product_option_values_option_idx" ON "product_option_values" USING btree ("option_id","position");--> statement-breakpoint
CREATE INDEX "product_options_product_idx" ON "product_options" USING btree ("product_id","position");--> statement-breakpoint
CREATE INDEX "variant_option_values_value_idx" ON "variant_option_values" USING btree ("value_id");--> statement-breakpoint
CREATE INDEX "stock_movements_variant_idx" ON "stock_movements" USING btree ("variant_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "currencies_one_default_idx" ON "currencies" USING btree ("is_default") WHERE "currencies"."is_default";--> statement-breakpoint
CREATE INDEX "variant_prices_currency_amount_idx" ON "variant_prices" USING btree ("currency","amount");--> statement-breakpoint
ALTER TABLE "product_images" ADD CONSTRAINT "product_images_variant_id_variants_id_fk" FOREIGN KEY ("variant_id") REFERENCES "public"."variants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_images" ADD CONSTRAINT "product_images_option_value_id_product_option_values_id_fk" FOREIGN KEY ("option_value_id") REFERENCES "public"."product_option_values"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "variants" ADD CONSTRAINT "variants_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
-- The option key of each variant, kept by the database itself (see schema/catalog.ts): its value
-- ids, sorted by option; an archived variant's key is made its own, so only live variants clash.
CREATE FUNCTION "variant_option_key"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."option_key" := coalesce((
    SELECT string_agg(x."value_id"::text, ',' ORDER BY x."option_id")
    FROM "variant_option_values" x WHERE x."variant_id" = NEW."id"), '');
  IF NEW."archived_at" IS NOT NULL THEN
    NEW."option_key" := 'archived ' || NEW."id" || ' ' || NEW."option_key";
  END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER "variants_option_key" BEFORE INSERT OR UPDATE ON "variants"
  FOR EACH ROW EXECUTE FUNCTION "variant_option_key"();--> statement-breakpoint
CREATE FUNCTION "variant_option_keys_refresh"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Touching the rows makes "variants_option_key" recompute them.
  UPDATE "variants" v SET "option_key" = '' WHERE v."id" IN (SELECT "variant_id" FROM "changed");
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "variant_option_values_inserted" AFTER INSERT ON "variant_option_values"
  REFERENCING NEW TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "variant_option_keys_refresh"();--> statement-breakpoint
CREATE TRIGGER "variant_option_values_updated" AFTER UPDATE ON "variant_option_values"
  REFERENCING NEW TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "variant_option_keys_refresh"();--> statement-breakpoint
CREATE TRIGGER "variant_option_values_updated_from" AFTER UPDATE ON "variant_option_values"
  REFERENCING OLD TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "variant_option_keys_refresh"();--> statement-breakpoint
CREATE TRIGGER "variant_option_values_deleted" AFTER DELETE ON "variant_option_values"
  REFERENCING OLD TABLE AS "changed" FOR EACH STATEMENT EXECUTE FUNCTION "variant_option_keys_refresh"();--> statement-breakpoint
-- Carry the catalog over: currencies, prices, stock and options move to their own tables.
INSERT INTO "currencies" ("code", "position")
  SELECT "currency", (row_number() OVER (ORDER BY count(*) DESC, "currency"))::int - 1
  FROM "variants" GROUP BY "currency";--> statement-breakpoint
INSERT INTO "currencies" ("code") SELECT 'EUR' WHERE NOT EXISTS (SELECT 1 FROM "currencies");--> statement-breakpoint
UPDATE "currencies" SET "is_default" = true WHERE "code" = (SELECT "code" FROM "currencies" ORDER BY "position", "code" LIMIT 1);--> statement-breakpoint
INSERT INTO "shop_settings" DEFAULT VALUES;--> statement-breakpoint
INSERT INTO "variant_prices" ("variant_id", "currency", "amount")
  SELECT "id", "currency", "price_amount" FROM "variants";--> statement-breakpoint
INSERT INTO "inventory_levels" ("variant_id", "on_hand") SELECT "id", "stock" FROM "variants";--> statement-breakpoint
INSERT INTO "stock_movements" ("variant_id", "reason", "on_hand_delta", "on_hand_after", "reserved_after", "note", "created_at")
  SELECT "id", 'initial', "stock", "stock", 0, 'Carried over from the single stock counter', "created_at"
  FROM "variants" WHERE "stock" > 0;--> statement-breakpoint
-- jsonb kept no key order, so options start in the order jsonb lists them; staff can reorder.
INSERT INTO "product_options" ("product_id", "name", "position")
  SELECT "product_id", "name", (row_number() OVER (PARTITION BY "product_id" ORDER BY min("ord")))::int - 1
  FROM (
    SELECT v."product_id", o."key" AS "name", v."position" * 1000 + o."ord" AS "ord"
    FROM "variants" v CROSS JOIN LATERAL jsonb_each_text(v."options") WITH ORDINALITY AS o("key", "value", "ord")
  ) k GROUP BY "product_id", "name";--> statement-breakpoint
INSERT INTO "product_option_values" ("option_id", "value", "position")
  SELECT o."id", e."value", (row_number() OVER (PARTITION BY o."id" ORDER BY min(v."position"), e."value"))::int - 1
  FROM "variants" v
  CROSS JOIN LATERAL jsonb_each_text(v."options") AS e("key", "value")
  JOIN "product_options" o ON o."product_id" = v."product_id" AND o."name" = e."key"
  GROUP BY o."id", e."value";--> statement-breakpoint
DO $$
DECLARE clash text;
BEGIN
  SELECT p."slug" INTO clash FROM "variants" v JOIN "products" p ON p."id" = v."product_id"
  GROUP BY p."slug", v."options" HAVING count(*) > 1 LIMIT 1;
  IF clash IS NOT NULL THEN
    RAISE EXCEPTION 'Product % has two variants with the same options; give one of them other options, then migrate again', clash;
  END IF;
END $$;--> statement-breakpoint
INSERT INTO "variant_option_values" ("variant_id", "product_id", "option_id", "value_id")
  SELECT v."id", v."product_id", o."id", ov."id"
  FROM "variants" v
  CROSS JOIN LATERAL jsonb_each_text(v."options") AS e("key", "value")
  JOIN "product_options" o ON o."product_id" = v."product_id" AND o."name" = e."key"
  JOIN "product_option_values" ov ON ov."option_id" = o."id" AND ov."value" = e."value";--> statement-breakpoint
ALTER TABLE "variants" ADD CONSTRAINT "variants_product_option_key_unique" UNIQUE ("product_id", "option_key") DEFERRABLE INITIALLY DEFERRED;--> statement-breakpoint
ALTER TABLE "variants" DROP COLUMN "options";--> statement-breakpoint
ALTER TABLE "variants" DROP COLUMN "price_amount";--> statement-breakpoint
ALTER TABLE "variants" DROP COLUMN "currency";--> statement-breakpoint
ALTER TABLE "variants" DROP COLUMN "stock";--> statement-breakpoint
ALTER TABLE "product_images" ADD CONSTRAINT "product_images_one_owner" CHECK (num_nonnulls("product_images"."variant_id", "product_images"."option_value_id") <= 1);--> statement-breakpoint
-- Statistics for the tables just filled, so the first catalog queries get sensible plans.
ANALYZE "variants", "variant_prices", "inventory_levels", "product_options", "product_option_values", "variant_option_values";
