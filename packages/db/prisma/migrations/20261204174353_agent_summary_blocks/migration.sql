-- CreateTable
CREATE TABLE "agent_summary_blocks" (
    "id" UUID NOT NULL,
    "discussion_id" UUID NOT NULL,
    "first_at" TIMESTAMPTZ(3) NOT NULL,
    "first_id" UUID NOT NULL,
    "last_at" TIMESTAMPTZ(3) NOT NULL,
    "last_id" UUID NOT NULL,
    "message_ids" UUID[],
    "fingerprints" TEXT[],
    "claims" JSONB NOT NULL,
    "input_tokens" INTEGER NOT NULL,
    "output_tokens" INTEGER NOT NULL,
    "model" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "agent_summary_blocks_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "agent_summary_blocks_discussion_id_first_at_first_id_idx" ON "agent_summary_blocks"("discussion_id", "first_at", "first_id");

-- AddForeignKey
ALTER TABLE "agent_summary_blocks" ADD CONSTRAINT "agent_summary_blocks_discussion_id_fkey" FOREIGN KEY ("discussion_id") REFERENCES "discussions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

