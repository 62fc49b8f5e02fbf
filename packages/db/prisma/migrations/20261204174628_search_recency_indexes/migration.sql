-- CreateIndex
CREATE INDEX "discussions_created_at_id_idx" ON "discussions"("created_at", "id");

-- CreateIndex
CREATE INDEX "messages_created_at_id_idx" ON "messages"("created_at", "id");

