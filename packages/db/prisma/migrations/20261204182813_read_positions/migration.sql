-- CreateTable
CREATE TABLE "read_positions" (
    "user_id" UUID NOT NULL,
    "discussion_id" UUID NOT NULL,
    "last_read_at" TIMESTAMPTZ(3) NOT NULL,
    "last_read_id" UUID NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "read_positions_pkey" PRIMARY KEY ("user_id","discussion_id")
);

-- CreateIndex
CREATE INDEX "read_positions_discussion_id_idx" ON "read_positions"("discussion_id");

-- AddForeignKey
ALTER TABLE "read_positions" ADD CONSTRAINT "read_positions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "read_positions" ADD CONSTRAINT "read_positions_discussion_id_fkey" FOREIGN KEY ("discussion_id") REFERENCES "discussions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

