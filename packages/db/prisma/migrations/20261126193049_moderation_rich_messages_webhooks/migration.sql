-- CreateEnum
CREATE TYPE "MessageStatus" AS ENUM ('published', 'held', 'rejected');

-- CreateEnum
CREATE TYPE "ModerationOutcome" AS ENUM ('allow', 'flag', 'hold', 'reject', 'redact');

-- CreateEnum
CREATE TYPE "FlagReason" AS ENUM ('spam', 'abuse', 'off_topic', 'other');

-- CreateEnum
CREATE TYPE "ReviewItemKind" AS ENUM ('message_held', 'message_flagged', 'message_blocked', 'message_redacted', 'account_rate_limited');

-- CreateEnum
CREATE TYPE "ReviewItemStatus" AS ENUM ('open', 'approved', 'rejected', 'dismissed');

-- CreateEnum
CREATE TYPE "NotificationKind" AS ENUM ('mention', 'reply');

-- CreateEnum
CREATE TYPE "WebhookDeliveryStatus" AS ENUM ('pending', 'succeeded', 'failed');

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "status_reason" TEXT;

-- AlterTable
ALTER TABLE "discussions" ADD COLUMN     "locked" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "search_vector" tsvector;

-- AlterTable
ALTER TABLE "messages" ADD COLUMN     "search_vector" tsvector,
ADD COLUMN     "status" "MessageStatus" NOT NULL DEFAULT 'published',
ADD COLUMN     "status_reason" TEXT;

-- AlterTable
ALTER TABLE "attachments" ADD COLUMN     "height" INTEGER,
ADD COLUMN     "preview_key" TEXT,
ADD COLUMN     "width" INTEGER;

-- CreateTable
CREATE TABLE "moderation_decisions" (
    "id" BIGSERIAL NOT NULL,
    "message_id" UUID NOT NULL,
    "outcome" "ModerationOutcome" NOT NULL,
    "policy" TEXT NOT NULL,
    "label" TEXT,
    "score" DOUBLE PRECISION,
    "provider" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "moderation_decisions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "flags" (
    "id" UUID NOT NULL,
    "message_id" UUID NOT NULL,
    "reporter_id" UUID NOT NULL,
    "reason" "FlagReason" NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "resolved_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "flags_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "review_items" (
    "id" UUID NOT NULL,
    "kind" "ReviewItemKind" NOT NULL,
    "status" "ReviewItemStatus" NOT NULL DEFAULT 'open',
    "open_key" TEXT,
    "message_id" UUID,
    "subject_id" UUID,
    "reason" TEXT NOT NULL DEFAULT '',
    "label" TEXT,
    "score" DOUBLE PRECISION,
    "occurrences" INTEGER NOT NULL DEFAULT 1,
    "resolved_by" UUID,
    "resolved_at" TIMESTAMPTZ(3),
    "resolution" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "review_items_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notifications" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "kind" "NotificationKind" NOT NULL,
    "actor_id" UUID,
    "discussion_id" UUID,
    "message_id" UUID,
    "read_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notifications_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_endpoints" (
    "id" UUID NOT NULL,
    "url" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "event_types" TEXT[],
    "secret" BYTEA NOT NULL,
    "previous_secret" BYTEA,
    "previous_secret_expires_at" TIMESTAMPTZ(3),
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "disabled_at" TIMESTAMPTZ(3),
    "disabled_reason" TEXT,
    "failing_since" TIMESTAMPTZ(3),
    "created_by" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "webhook_endpoints_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_deliveries" (
    "id" UUID NOT NULL,
    "endpoint_id" UUID NOT NULL,
    "event_id" BIGINT NOT NULL,
    "event_type" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" "WebhookDeliveryStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "response_status" INTEGER,
    "latency_ms" INTEGER,
    "last_error" TEXT,
    "next_attempt_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completed_at" TIMESTAMPTZ(3),

    CONSTRAINT "webhook_deliveries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_attempts" (
    "id" BIGSERIAL NOT NULL,
    "delivery_id" UUID NOT NULL,
    "attempt" INTEGER NOT NULL,
    "response_status" INTEGER,
    "latency_ms" INTEGER,
    "error" TEXT,
    "response_body" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "webhook_attempts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "outbox_cursors" (
    "consumer" TEXT NOT NULL,
    "position" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "outbox_cursors_pkey" PRIMARY KEY ("consumer")
);

-- CreateTable
CREATE TABLE "live_connections" (
    "id" UUID NOT NULL,
    "subject" TEXT NOT NULL,
    "instance_id" TEXT NOT NULL,
    "opened_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "live_connections_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "moderation_decisions_message_id_created_at_idx" ON "moderation_decisions"("message_id", "created_at");

-- CreateIndex
CREATE INDEX "flags_reporter_id_created_at_idx" ON "flags"("reporter_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "flags_message_id_reporter_id_key" ON "flags"("message_id", "reporter_id");

-- CreateIndex
CREATE UNIQUE INDEX "review_items_open_key_key" ON "review_items"("open_key");

-- CreateIndex
CREATE INDEX "review_items_status_created_at_idx" ON "review_items"("status", "created_at");

-- CreateIndex
CREATE INDEX "review_items_message_id_idx" ON "review_items"("message_id");

-- CreateIndex
CREATE INDEX "notifications_user_id_created_at_idx" ON "notifications"("user_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "notifications_user_id_read_at_idx" ON "notifications"("user_id", "read_at");

-- CreateIndex
CREATE UNIQUE INDEX "notifications_user_id_message_id_kind_key" ON "notifications"("user_id", "message_id", "kind");

-- CreateIndex
CREATE INDEX "webhook_deliveries_endpoint_id_created_at_idx" ON "webhook_deliveries"("endpoint_id", "created_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "webhook_deliveries_endpoint_id_event_id_key" ON "webhook_deliveries"("endpoint_id", "event_id");

-- CreateIndex
CREATE INDEX "webhook_attempts_delivery_id_attempt_idx" ON "webhook_attempts"("delivery_id", "attempt");

-- CreateIndex
CREATE INDEX "live_connections_subject_last_seen_at_idx" ON "live_connections"("subject", "last_seen_at");

-- CreateIndex
CREATE INDEX "discussions_search_vector_idx" ON "discussions" USING GIN ("search_vector");

-- CreateIndex
CREATE INDEX "messages_search_vector_idx" ON "messages" USING GIN ("search_vector");

-- AddForeignKey
ALTER TABLE "moderation_decisions" ADD CONSTRAINT "moderation_decisions_message_id_fkey" FOREIGN KEY ("message_id") REFERENCES "messages"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "flags" ADD CONSTRAINT "flags_message_id_fkey" FOREIGN KEY ("message_id") REFERENCES "messages"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "flags" ADD CONSTRAINT "flags_reporter_id_fkey" FOREIGN KEY ("reporter_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "review_items" ADD CONSTRAINT "review_items_message_id_fkey" FOREIGN KEY ("message_id") REFERENCES "messages"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "review_items" ADD CONSTRAINT "review_items_subject_id_fkey" FOREIGN KEY ("subject_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "review_items" ADD CONSTRAINT "review_items_resolved_by_fkey" FOREIGN KEY ("resolved_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_message_id_fkey" FOREIGN KEY ("message_id") REFERENCES "messages"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_endpoint_id_fkey" FOREIGN KEY ("endpoint_id") REFERENCES "webhook_endpoints"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhook_attempts" ADD CONSTRAINT "webhook_attempts_delivery_id_fkey" FOREIGN KEY ("delivery_id") REFERENCES "webhook_deliveries"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Full-text search: the vectors are kept current by triggers (Prisma does not model generated
-- tsvector columns). Titles weigh more than bodies.
CREATE FUNCTION messages_search_vector_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_vector := to_tsvector('english', coalesce(NEW.body, ''));
  RETURN NEW;
END $$;
CREATE TRIGGER messages_search_vector BEFORE INSERT OR UPDATE OF body ON "messages"
  FOR EACH ROW EXECUTE FUNCTION messages_search_vector_update();

CREATE FUNCTION discussions_search_vector_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_vector := setweight(to_tsvector('english', coalesce(NEW.title, '')), 'A');
  RETURN NEW;
END $$;
CREATE TRIGGER discussions_search_vector BEFORE INSERT OR UPDATE OF title ON "discussions"
  FOR EACH ROW EXECUTE FUNCTION discussions_search_vector_update();

UPDATE "messages" SET search_vector = to_tsvector('english', body);
UPDATE "discussions" SET search_vector = setweight(to_tsvector('english', title), 'A');

-- The audit log is append-only for everyone, the application included.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_log_no_update_or_delete BEFORE UPDATE OR DELETE ON "audit_log"
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON "audit_log"
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
