-- AlterTable
ALTER TABLE "users" ADD COLUMN     "mail_reviews" "NotificationMailMode" NOT NULL DEFAULT 'immediately',
ADD COLUMN     "review_mailed_until" TIMESTAMPTZ(3);

