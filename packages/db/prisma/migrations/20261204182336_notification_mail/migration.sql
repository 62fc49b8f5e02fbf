-- CreateEnum
CREATE TYPE "NotificationMailMode" AS ENUM ('immediately', 'never');

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "mail_mentions" "NotificationMailMode" NOT NULL DEFAULT 'immediately',
ADD COLUMN     "mail_replies" "NotificationMailMode" NOT NULL DEFAULT 'immediately';

-- AlterTable
ALTER TABLE "notifications" ADD COLUMN     "mailed_at" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "notifications_mailed_at_read_at_created_at_idx" ON "notifications"("mailed_at", "read_at", "created_at");


-- Notifications from before notification mail existed are never mailed (no backlog burst on deploy).
UPDATE "notifications" SET "mailed_at" = "created_at" WHERE "mailed_at" IS NULL;
