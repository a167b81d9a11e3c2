CREATE TYPE "public"."discount_kind" AS ENUM('percentage', 'fixed');--> statement-breakpoint
CREATE TABLE "discount_codes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"kind" "discount_kind" NOT NULL,
	"percent" integer,
	"amount" bigint,
	"currency" text,
	"min_subtotal" bigint,
	"starts_at" timestamp with time zone,
	"ends_at" timestamp with time zone,
	"usage_limit" integer,
	"per_customer_limit" integer,
	"times_used" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "discount_codes_code_unique" UNIQUE("code"),
	CONSTRAINT "discount_codes_rule" CHECK (("discount_codes"."kind" = 'percentage' and "discount_codes"."percent" between 1 and 100 and "discount_codes"."amount" is null)
        or ("discount_codes"."kind" = 'fixed' and "discount_codes"."amount" > 0 and "discount_codes"."percent" is null and "discount_codes"."currency" is not null)),
	CONSTRAINT "discount_codes_min_subtotal" CHECK ("discount_codes"."min_subtotal" is null or ("discount_codes"."min_subtotal" >= 0 and "discount_codes"."currency" is not null)),
	CONSTRAINT "discount_codes_limits" CHECK ("discount_codes"."usage_limit" >= 1 and "discount_codes"."per_customer_limit" >= 1),
	CONSTRAINT "discount_codes_used_within_limit" CHECK ("discount_codes"."times_used" >= 0 and ("discount_codes"."usage_limit" is null or "discount_codes"."times_used" <= "discount_codes"."usage_limit")),
	CONSTRAINT "discount_codes_window" CHECK ("discount_codes"."ends_at" is null or "discount_codes"."starts_at" is null or "discount_codes"."ends_at" > "discount_codes"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "discount_customer_uses" (
	"code_id" uuid NOT NULL,
	"customer" text NOT NULL,
	"uses" integer NOT NULL,
	CONSTRAINT "discount_customer_uses_code_id_customer_pk" PRIMARY KEY("code_id","customer"),
	CONSTRAINT "discount_customer_uses_nonnegative" CHECK ("discount_customer_uses"."uses" >= 0)
);
--> statement-breakpoint
CREATE TABLE "shipping_methods" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"countries" text[] DEFAULT '{}'::text[] NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "shipping_rates" (
	"method_id" uuid NOT NULL,
	"currency" text NOT NULL,
	"amount" bigint NOT NULL,
	"free_over_amount" bigint,
	CONSTRAINT "shipping_rates_method_id_currency_pk" PRIMARY KEY("method_id","currency"),
	CONSTRAINT "shipping_rates_amount_nonnegative" CHECK ("shipping_rates"."amount" >= 0),
	CONSTRAINT "shipping_rates_free_over_nonnegative" CHECK ("shipping_rates"."free_over_amount" >= 0)
);
--> statement-breakpoint
CREATE TABLE "tax_rates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"country" text NOT NULL,
	"region" text DEFAULT '' NOT NULL,
	"rate_bps" integer NOT NULL,
	"name" text DEFAULT 'Tax' NOT NULL,
	CONSTRAINT "tax_rates_country_region_unique" UNIQUE("country","region"),
	CONSTRAINT "tax_rates_rate_range" CHECK ("tax_rates"."rate_bps" between 0 and 100000),
	CONSTRAINT "tax_rates_country_code" CHECK ("tax_rates"."country" ~ '^[A-Z]{2}$')
);
--> statement-breakpoint
ALTER TABLE "shop_settings" ADD COLUMN "prices_include_tax" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "discount_customer_uses" ADD CONSTRAINT "discount_customer_uses_code_id_discount_codes_id_fk" FOREIGN KEY ("code_id") REFERENCES "public"."discount_codes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shipping_rates" ADD CONSTRAINT "shipping_rates_method_id_shipping_methods_id_fk" FOREIGN KEY ("method_id") REFERENCES "public"."shipping_methods"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shipping_rates" ADD CONSTRAINT "shipping_rates_currency_currencies_code_fk" FOREIGN KEY ("currency") REFERENCES "public"."currencies"("code") ON DELETE cascade ON UPDATE cascade;