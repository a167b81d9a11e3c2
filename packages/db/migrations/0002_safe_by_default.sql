CREATE TYPE "public"."mail_kind" AS ENUM('message', 'password-reset');--> statement-breakpoint
ALTER TYPE "public"."mail_status" ADD VALUE 'dropped';--> statement-breakpoint
ALTER TABLE "users" DROP CONSTRAINT "users_email_unique";--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD COLUMN "kind" "mail_kind" DEFAULT 'message' NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_lower_idx" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "mail_outbox_finished_idx" ON "mail_outbox" USING btree ("created_at") WHERE "mail_outbox"."status" <> 'pending';